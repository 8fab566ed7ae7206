/**
 * Scripted churn scenarios: the language ({@code language}), the runner that drives a stack through its public APIs
 * ({@code run}), seeded churn ({@code churn}) and the reports ({@code report}). The library of scenarios lives in
 * the module's {@code library} folder; {@code scenarios/README.md} documents the language.
 */
package dev.matchflow.scenarios;
