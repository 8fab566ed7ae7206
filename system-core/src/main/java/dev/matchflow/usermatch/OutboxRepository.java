package dev.matchflow.usermatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.matchflow.db.Sql;
import dev.matchflow.db.SqlTimes;
import dev.matchflow.events.EncodedEvent;
import dev.matchflow.events.PoolMemberRemoved;
import dev.matchflow.http.Json;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code event_outbox} table; every method runs on the caller's transaction. */
final class OutboxRepository {

    private static final int MAX_ERROR_LENGTH = 1000;
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};
    private static final String COLUMNS = "id, event_id, pool_id, user_id, left_at, payload, attributes, ordering_key,"
            + " created_at, attempts, next_attempt_at, claimed_by, claimed_until, published_at, message_id, last_error";
    private static final String PENDING = "published_at IS NULL";
    private static final String UNCLAIMED = "(claimed_until IS NULL OR claimed_until <= ?)";
    // One user's events go out in turn: an event waits while an earlier one of the same user is pending.
    private static final String FIRST_OF_ITS_USER = "NOT EXISTS (SELECT 1 FROM event_outbox earlier"
            + " WHERE earlier.user_id = o.user_id AND earlier.published_at IS NULL AND earlier.id < o.id)";

    /** Stores a new pending event, due at once; claimed by {@code claim} when one is given. */
    void insert(
            Connection connection, PoolMemberRemoved event, EncodedEvent message, Instant now, Optional<Claim> claim)
            throws SQLException {
        Sql.update(
                connection,
                "INSERT INTO event_outbox (event_id, pool_id, user_id, left_at, payload, attributes, ordering_key,"
                        + " created_at, attempts, next_attempt_at, claimed_by, claimed_until)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                event.eventId(),
                event.poolId(),
                event.userId(),
                event.timestamp().orElseThrow(),
                message.dataAsString(),
                attributesJson(message.attributes()),
                message.orderingKey(),
                now,
                now,
                claim.map(Claim::relayId).orElse(null),
                claim.map(Claim::until).orElse(null));
    }

    Optional<OutboxEvent> find(Connection connection, UUID eventId) throws SQLException {
        return Sql.first(
                connection,
                "SELECT " + COLUMNS + " FROM event_outbox WHERE event_id = ?",
                OutboxRepository::event,
                eventId);
    }

    /** How many of the user's events are still pending. */
    int pendingOf(Connection connection, UUID userId) throws SQLException {
        return Sql.count(connection, "SELECT COUNT(*) FROM event_outbox WHERE user_id = ? AND " + PENDING, userId);
    }

    /** How many events are pending in all. */
    int pending(Connection connection) throws SQLException {
        return Sql.count(connection, "SELECT COUNT(*) FROM event_outbox WHERE " + PENDING);
    }

    /**
     * Pending events nobody has claimed and no earlier event of the same user holds back, oldest first;
     * only those due by {@code now} unless {@code ignoringBackoff}.
     */
    List<OutboxEvent> publishable(Connection connection, Instant now, boolean ignoringBackoff, int limit)
            throws SQLException {
        String due = ignoringBackoff ? "" : " AND next_attempt_at <= ?";
        String sql = "SELECT " + COLUMNS + " FROM event_outbox o WHERE " + PENDING + " AND " + UNCLAIMED + due + " AND "
                + FIRST_OF_ITS_USER + " ORDER BY id LIMIT ?";
        Object[] parameters = ignoringBackoff ? new Object[] {now, limit} : new Object[] {now, now, limit};
        return Sql.list(connection, sql, OutboxRepository::event, parameters);
    }

    /** Claims the event unless it was published or another relay holds it; true when the claim is this one's. */
    boolean claim(Connection connection, UUID eventId, Claim claim, Instant now) throws SQLException {
        int claimed = Sql.update(
                connection,
                "UPDATE event_outbox SET claimed_by = ?, claimed_until = ? WHERE event_id = ? AND " + PENDING + " AND "
                        + UNCLAIMED,
                claim.relayId(),
                claim.until(),
                eventId,
                now);
        return claimed == 1;
    }

    /** Records a successful attempt; false when the event had already been recorded as published. */
    boolean markPublished(Connection connection, UUID eventId, String messageId, Instant now) throws SQLException {
        int updated = Sql.update(
                connection,
                "UPDATE event_outbox SET published_at = ?, message_id = ?, attempts = attempts + 1,"
                        + " claimed_by = NULL, claimed_until = NULL WHERE event_id = ? AND " + PENDING,
                now,
                messageId,
                eventId);
        return updated == 1;
    }

    /** Records a failed attempt of an event the relay still holds and gives the event back until {@code next}. */
    boolean markFailed(Connection connection, UUID eventId, String relayId, String error, Instant next)
            throws SQLException {
        int updated = Sql.update(
                connection,
                "UPDATE event_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                        + " claimed_by = NULL, claimed_until = NULL WHERE event_id = ? AND claimed_by = ? AND "
                        + PENDING,
                next,
                abbreviate(error),
                eventId,
                relayId);
        return updated == 1;
    }

    /** Extends the relay's claim on events it is still publishing, so that no other relay takes them over. */
    int renew(Connection connection, String relayId, Collection<UUID> eventIds, Instant until) throws SQLException {
        if (eventIds.isEmpty()) {
            return 0;
        }
        List<Object> parameters = new ArrayList<>(List.of(until, relayId));
        parameters.addAll(eventIds);
        return Sql.update(
                connection,
                "UPDATE event_outbox SET claimed_until = ? WHERE claimed_by = ? AND " + PENDING + " AND event_id IN ("
                        + Sql.placeholders(eventIds.size()) + ")",
                parameters.toArray());
    }

    /** Notes why a publish the relay is still waiting for has not been answered. */
    void noteDelay(Connection connection, UUID eventId, String relayId, String note) throws SQLException {
        Sql.update(
                connection,
                "UPDATE event_outbox SET last_error = ? WHERE event_id = ? AND claimed_by = ? AND " + PENDING,
                abbreviate(note),
                eventId,
                relayId);
    }

    /** Gives back every pending event the relay holds, so that another relay may take them at once. */
    int release(Connection connection, String relayId) throws SQLException {
        return Sql.update(
                connection,
                "UPDATE event_outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ? AND " + PENDING,
                relayId);
    }

    private static OutboxEvent event(ResultSet row) throws SQLException {
        EncodedEvent message = new EncodedEvent(
                row.getString("payload").getBytes(StandardCharsets.UTF_8),
                attributes(row.getString("attributes")),
                row.getString("ordering_key"));
        return new OutboxEvent(
                row.getLong("id"),
                Sql.uuid(row, "event_id"),
                Sql.uuid(row, "pool_id"),
                Sql.uuid(row, "user_id"),
                SqlTimes.get(row, "left_at"),
                message,
                SqlTimes.get(row, "created_at"),
                row.getInt("attempts"),
                SqlTimes.get(row, "next_attempt_at"),
                row.getString("claimed_by"),
                SqlTimes.get(row, "claimed_until"),
                SqlTimes.get(row, "published_at"),
                row.getString("message_id"),
                row.getString("last_error"));
    }

    private static String attributesJson(Map<String, String> attributes) {
        try {
            return Json.mapper().writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a map of strings as JSON cannot fail, yet it did", e);
        }
    }

    private static Map<String, String> attributes(String json) throws SQLException {
        try {
            return Json.mapper().readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new SQLException("event_outbox.attributes is not a JSON object of strings: " + json, e);
        }
    }

    private static String abbreviate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }
}
