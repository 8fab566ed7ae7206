/**
 * The pools and matches screen: every pool with its members, and for the selected pool its matches by status,
 * with deleted matches fading out.
 */
package dev.matchflow.console.pools;
