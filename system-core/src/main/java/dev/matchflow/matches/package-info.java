/** The Matches service: matches, decisions, and the cleanup of non-accepted matches when users leave. */
package dev.matchflow.matches;
