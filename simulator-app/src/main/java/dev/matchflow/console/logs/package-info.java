/** The logs screen: the stack's log lines, captured in-process, filtered by level, component and event id. */
package dev.matchflow.console.logs;
