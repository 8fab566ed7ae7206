/**
 * The manual actions: what a person at the console asks the system to do, through its public APIs, off the FX
 * thread.
 */
package dev.matchflow.console.actions;
