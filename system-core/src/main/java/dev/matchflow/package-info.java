/** The match cleanup system: its services, the cleanup function, the embedded Pub/Sub server and the stack. */
package dev.matchflow;
