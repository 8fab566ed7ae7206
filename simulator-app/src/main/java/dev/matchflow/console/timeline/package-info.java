/**
 * The event timeline: one row per hop through the system, filterable, each opening into the hop-by-hop trace of
 * the leave, event or message it belongs to.
 */
package dev.matchflow.console.timeline;
