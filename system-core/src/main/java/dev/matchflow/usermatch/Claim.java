package dev.matchflow.usermatch;

import java.time.Instant;

/**
 * A relay's ownership of the outbox rows it is publishing.
 *
 * @param relayId which relay owns them
 * @param until when the ownership lapses unless the relay has finished by then
 */
record Claim(String relayId, Instant until) {}
