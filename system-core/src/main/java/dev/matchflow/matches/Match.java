package dev.matchflow.matches;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** A match offered to two users of a pool. */
public record Match(
        UUID id,
        UUID poolId,
        @JsonProperty("user_a_id") UUID userAId,
        @JsonProperty("user_b_id") UUID userBId,
        MatchStatus status,
        Instant createdAt,
        Instant updatedAt) {

    /** True when the user is one of the match's two users. */
    public boolean involves(UUID userId) {
        return userAId.equals(userId) || userBId.equals(userId);
    }
}
