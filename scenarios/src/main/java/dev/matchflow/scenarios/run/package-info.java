/**
 * Runs scenarios: {@link dev.matchflow.scenarios.run.ScenarioRunner} drives a stack through its public HTTP APIs and
 * Pub/Sub, times every leave to its completed cleanup, checks invariants and expectations once the stack is quiet,
 * and tells {@link dev.matchflow.scenarios.run.RunListener}s as it goes; {@link
 * dev.matchflow.scenarios.run.RunControl} pauses, steps, speeds up or stops it from any thread.
 */
package dev.matchflow.scenarios.run;
