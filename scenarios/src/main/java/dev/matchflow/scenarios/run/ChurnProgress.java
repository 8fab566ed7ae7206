package dev.matchflow.scenarios.run;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * How far a churn has come.
 *
 * @param started operations started so far
 * @param planned how many it runs in all, when it is counted rather than timed
 * @param requests its requests so far, by how they were answered
 * @param elapsed scenario time since it started
 */
public record ChurnProgress(int started, OptionalInt planned, RequestCounts requests, Duration elapsed) {}
