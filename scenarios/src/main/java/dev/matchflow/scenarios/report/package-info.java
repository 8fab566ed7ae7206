/**
 * Reports of a run: JUnit XML for CI, one HTML page with a latency chart for people, and plain-text lines for a
 * console.
 */
package dev.matchflow.scenarios.report;
