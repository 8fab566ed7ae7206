/**
 * The fault switches: each part's faults, switched on and off from its details on the topology, and the state
 * they put the part in.
 */
package dev.matchflow.console.faults;
