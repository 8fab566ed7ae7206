/** Benchmarks that print figures: the Pub/Sub backends side by side. */
package dev.matchflow.bench;
