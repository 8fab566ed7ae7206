/**
 * Seeded churn: {@link dev.matchflow.scenarios.churn.ChurnPlanner} draws join, leave, rejoin, match, accept and
 * reject operations from a seed on its own picture of the world, so the same seed draws the same operations.
 */
package dev.matchflow.scenarios.churn;
