/**
 * The metrics screen: live charts of publish rate, backlog, function invocations and errors, and leave-to-cleanup
 * latency, one point a second.
 */
package dev.matchflow.console.metrics;
