package dev.matchflow.console.letters;

import java.time.Instant;

/**
 * A message that used up its delivery attempts.
 *
 * @param messageId its id on the event topic
 * @param attempts how many deliveries it had
 * @param reason why its last delivery failed, as the trigger and the function told
 */
public record DeadLetter(String messageId, Instant at, String userId, String poolId, String attempts, String reason) {}
