package dev.matchflow.scenarios.run;

import java.time.Instant;

/**
 * A while during which a fault was on.
 *
 * @param fault the fault, as the stack describes it ({@code matches failing 0.3 status 503})
 * @param from when it went on
 * @param to when it went off, or the end of the run when it was still on
 */
public record FaultSpan(String fault, Instant from, Instant to) {}
