/**
 * The scenario runner screen: a scenario from the library or a file, run on the console's stack with pause, step
 * and speed, each step and expectation turning green or red as it is judged, and the report exported.
 */
package dev.matchflow.console.runner;
