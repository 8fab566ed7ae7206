/** Scripted churn scenarios: the language, the runner, the invariants and the reports. */
package dev.matchflow.scenarios;
