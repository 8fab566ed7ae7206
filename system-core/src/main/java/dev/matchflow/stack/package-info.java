/**
 * The whole system on one machine ({@link dev.matchflow.stack.SystemStack}), a client of its public APIs, and
 * what observers see of it: a snapshot of its state and a live feed of every hop.
 */
package dev.matchflow.stack;
