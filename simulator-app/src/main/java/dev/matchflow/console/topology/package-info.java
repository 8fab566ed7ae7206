/**
 * The topology: the system's parts as a diagram, every hop a token moving along its edge in the colour of its
 * outcome, each part with its state and live counts, and a details pane for the part clicked.
 */
package dev.matchflow.console.topology;
