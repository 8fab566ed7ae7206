/**
 * The invariants every run of the system must keep, checked on its state at quiescence against what its clients
 * saw happen ({@link dev.matchflow.invariants.History}).
 */
package dev.matchflow.invariants;
