/**
 * The dead letters and rejected messages screen: every message that did not end in a cleanup, with its payload
 * and the reason.
 */
package dev.matchflow.console.letters;
