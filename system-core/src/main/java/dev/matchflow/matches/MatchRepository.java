package dev.matchflow.matches;

import dev.matchflow.db.Sql;
import dev.matchflow.db.SqlTimes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code matches}, {@code match_decisions} and {@code cleanup_log} tables, on the caller's transaction. The
 * match row mapper is public so that a stack's snapshot reads matches as the service does.
 */
public final class MatchRepository {

    /** The columns {@link #match} reads. */
    public static final String COLUMNS = "id, pool_id, user_a_id, user_b_id, status, created_at, updated_at";

    private static final String NOT_ACCEPTED = "status IN ('waiting', 'rejected')";
    private static final int IDS_PER_STATEMENT = 500;

    /** How many rows a deletion removed from each table. */
    record Deleted(int matches, int decisions) {}

    /** Filters of a match listing; an empty one does not filter. */
    record Filter(Optional<UUID> poolId, Optional<UUID> userId, Optional<MatchStatus> status) {}

    void insert(Connection connection, Match match) throws SQLException {
        Sql.update(
                connection,
                "INSERT INTO matches (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                match.id(),
                match.poolId(),
                match.userAId(),
                match.userBId(),
                match.status().wireName(),
                match.createdAt(),
                match.updatedAt());
    }

    Optional<Match> find(Connection connection, UUID matchId) throws SQLException {
        return Sql.first(
                connection, "SELECT " + COLUMNS + " FROM matches WHERE id = ?", MatchRepository::match, matchId);
    }

    /** The match, its row locked until the transaction ends, so decisions on it take turns. */
    Optional<Match> lock(Connection connection, UUID matchId) throws SQLException {
        return Sql.first(
                connection,
                "SELECT " + COLUMNS + " FROM matches WHERE id = ? FOR UPDATE",
                MatchRepository::match,
                matchId);
    }

    List<Match> list(Connection connection, Filter filter) throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        filter.poolId().ifPresent(poolId -> {
            conditions.add("pool_id = ?");
            parameters.add(poolId);
        });
        filter.userId().ifPresent(userId -> {
            conditions.add("(user_a_id = ? OR user_b_id = ?)");
            parameters.add(userId);
            parameters.add(userId);
        });
        filter.status().ifPresent(status -> {
            conditions.add("status = ?");
            parameters.add(status.wireName());
        });
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        String sql = "SELECT " + COLUMNS + " FROM matches" + where + " ORDER BY created_at, id";
        return Sql.list(connection, sql, MatchRepository::match, parameters.toArray());
    }

    void updateStatus(Connection connection, UUID matchId, MatchStatus status, Instant updatedAt) throws SQLException {
        Sql.update(
                connection,
                "UPDATE matches SET status = ?, updated_at = ? WHERE id = ?",
                status.wireName(),
                updatedAt,
                matchId);
    }

    void insertDecision(Connection connection, UUID matchId, UUID userId, Decision decision, Instant decidedAt)
            throws SQLException {
        Sql.update(
                connection,
                "INSERT INTO match_decisions (match_id, user_id, decision, decided_at) VALUES (?, ?, ?, ?)",
                matchId,
                userId,
                decision.wireName(),
                decidedAt);
    }

    List<Decision> decisions(Connection connection, UUID matchId) throws SQLException {
        return Sql.list(
                connection,
                "SELECT decision FROM match_decisions WHERE match_id = ?",
                row -> Decision.fromWireName(row.getString("decision")).orElseThrow(),
                matchId);
    }

    /**
     * Locks and answers the ids of the user's non-accepted matches in the pool created at or before {@code
     * createdUpTo} (all of them when it is null). One query per user column, so each uses its index.
     */
    List<UUID> lockUsersNotAccepted(Connection connection, UUID poolId, UUID userId, Instant createdUpTo)
            throws SQLException {
        List<UUID> ids = new ArrayList<>();
        for (String column : List.of("user_a_id", "user_b_id")) {
            String sql = "SELECT id FROM matches WHERE pool_id = ? AND " + column + " = ? AND " + NOT_ACCEPTED
                    + (createdUpTo == null ? "" : " AND created_at <= ?") + " FOR UPDATE";
            Object[] parameters =
                    createdUpTo == null ? new Object[] {poolId, userId} : new Object[] {poolId, userId, createdUpTo};
            ids.addAll(Sql.list(connection, sql, row -> Sql.uuid(row, "id"), parameters));
        }
        return ids;
    }

    /** The pools that hold non-accepted matches created at or before {@code createdUpTo}. */
    List<UUID> poolsNotAccepted(Connection connection, Instant createdUpTo) throws SQLException {
        return Sql.list(
                connection,
                "SELECT DISTINCT pool_id FROM matches WHERE " + NOT_ACCEPTED + " AND created_at <= ?",
                row -> Sql.uuid(row, "pool_id"),
                createdUpTo);
    }

    /** Locks and answers the pool's non-accepted matches created at or before {@code createdUpTo}. */
    List<Match> lockPoolsNotAccepted(Connection connection, UUID poolId, Instant createdUpTo) throws SQLException {
        return Sql.list(
                connection,
                "SELECT " + COLUMNS + " FROM matches WHERE pool_id = ? AND " + NOT_ACCEPTED
                        + " AND created_at <= ? FOR UPDATE",
                MatchRepository::match,
                poolId,
                createdUpTo);
    }

    List<UUID> lockPoolsNotAccepted(Connection connection, UUID poolId) throws SQLException {
        return Sql.list(
                connection,
                "SELECT id FROM matches WHERE pool_id = ? AND " + NOT_ACCEPTED + " FOR UPDATE",
                row -> Sql.uuid(row, "id"),
                poolId);
    }

    int countUsersAccepted(Connection connection, UUID poolId, UUID userId) throws SQLException {
        String accepted = "SELECT COUNT(*) FROM matches WHERE pool_id = ? AND status = 'accepted' AND ";
        return Sql.count(connection, accepted + "user_a_id = ?", poolId, userId)
                + Sql.count(connection, accepted + "user_b_id = ?", poolId, userId);
    }

    int countPoolsAccepted(Connection connection, UUID poolId) throws SQLException {
        return Sql.count(connection, "SELECT COUNT(*) FROM matches WHERE pool_id = ? AND status = 'accepted'", poolId);
    }

    /** Deletes the matches and their decisions. */
    Deleted deleteWithDecisions(Connection connection, List<UUID> matchIds) throws SQLException {
        int decisions = 0;
        int matches = 0;
        for (int from = 0; from < matchIds.size(); from += IDS_PER_STATEMENT) {
            List<UUID> chunk = matchIds.subList(from, Math.min(matchIds.size(), from + IDS_PER_STATEMENT));
            String in = " IN (" + Sql.placeholders(chunk.size()) + ")";
            decisions += Sql.update(connection, "DELETE FROM match_decisions WHERE match_id" + in, chunk.toArray());
            matches += Sql.update(connection, "DELETE FROM matches WHERE id" + in, chunk.toArray());
        }
        return new Deleted(matches, decisions);
    }

    Optional<CleanupOutcome> recordedCleanup(Connection connection, String eventId) throws SQLException {
        return Sql.first(
                connection,
                "SELECT matches_deleted, decisions_deleted, accepted_kept FROM cleanup_log WHERE event_id = ?",
                row -> new CleanupOutcome(
                        row.getInt("matches_deleted"),
                        row.getInt("decisions_deleted"),
                        row.getInt("accepted_kept"),
                        true),
                eventId);
    }

    /** Claims the event: the primary key refuses a second claim of the same event id. */
    void claimEvent(Connection connection, CleanupRequest request, Instant processedAt) throws SQLException {
        Sql.update(
                connection,
                "INSERT INTO cleanup_log (event_id, user_id, pool_id, left_at, matches_deleted, decisions_deleted,"
                        + " accepted_kept, processed_at) VALUES (?, ?, ?, ?, 0, 0, 0, ?)",
                request.eventId().orElseThrow(),
                request.userId(),
                request.poolId(),
                request.leftAt().orElse(null),
                processedAt);
    }

    void recordOutcome(Connection connection, String eventId, CleanupOutcome outcome) throws SQLException {
        Sql.update(
                connection,
                "UPDATE cleanup_log SET matches_deleted = ?, decisions_deleted = ?, accepted_kept = ?"
                        + " WHERE event_id = ?",
                outcome.matchesDeleted(),
                outcome.decisionsDeleted(),
                outcome.acceptedKept(),
                eventId);
    }

    /** A {@code matches} row read with {@link #COLUMNS}. */
    public static Match match(ResultSet row) throws SQLException {
        return new Match(
                Sql.uuid(row, "id"),
                Sql.uuid(row, "pool_id"),
                Sql.uuid(row, "user_a_id"),
                Sql.uuid(row, "user_b_id"),
                MatchStatus.fromWireName(row.getString("status")).orElseThrow(),
                SqlTimes.get(row, "created_at"),
                SqlTimes.get(row, "updated_at"));
    }
}
