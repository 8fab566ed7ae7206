package dev.matchflow.stack;

import dev.matchflow.db.Database;
import dev.matchflow.db.Sql;
import dev.matchflow.db.SqlTimes;
import dev.matchflow.faults.ActiveFault;
import dev.matchflow.matches.Match;
import dev.matchflow.matches.MatchRepository;
import dev.matchflow.pools.Membership;
import dev.matchflow.pools.Pool;
import dev.matchflow.pools.PoolRepository;
import dev.matchflow.stack.StackSnapshot.CleanupRecord;
import dev.matchflow.stack.StackSnapshot.MatchDecision;
import dev.matchflow.stack.StackSnapshot.OutboxEntry;
import dev.matchflow.stack.StackSnapshot.Rejection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads every table of the system in one transaction, for snapshots. The stack is the simulator's view of the
 * whole system, so it reads the shared database directly, where each service reads only its own tables.
 */
final class StateReader {

    /** The rows of one moment. */
    record Rows(
            List<Pool> pools,
            List<Membership> members,
            List<Match> matches,
            List<MatchDecision> decisions,
            List<CleanupRecord> cleanups,
            List<OutboxEntry> outbox) {

        /** The message ids of the events the outbox has published. */
        List<String> publishedMessageIds() {
            return outbox.stream().flatMap(entry -> entry.messageId().stream()).toList();
        }

        /** A snapshot of these rows, taken now, with what the stack knows besides them. */
        StackSnapshot snapshot(
                MessageLedger ledger,
                List<Rejection> rejections,
                Optional<StackSnapshot.PubSubState> pubsub,
                List<ActiveFault> faults) {
            return new StackSnapshot(
                    Instant.now(),
                    pools,
                    members,
                    matches,
                    decisions,
                    cleanups,
                    outbox,
                    ledger.endings(publishedMessageIds()),
                    rejections,
                    pubsub,
                    faults);
        }
    }

    private final Database database;

    StateReader(Database database) {
        this.database = database;
    }

    Rows read() {
        return database.inTransaction(connection -> new Rows(
                Sql.list(
                        connection,
                        "SELECT " + PoolRepository.POOL_COLUMNS + " FROM pools ORDER BY created_at, id",
                        PoolRepository::pool),
                Sql.list(
                        connection,
                        "SELECT " + PoolRepository.MEMBER_COLUMNS + " FROM pool_members ORDER BY joined_at, user_id",
                        PoolRepository::membership),
                Sql.list(
                        connection,
                        "SELECT " + MatchRepository.COLUMNS + " FROM matches ORDER BY created_at, id",
                        MatchRepository::match),
                decisions(connection),
                cleanups(connection),
                outbox(connection)));
    }

    /** The message ids of every event the outbox has published. */
    List<String> publishedMessageIds() {
        return database.inTransaction(connection -> Sql.list(
                connection,
                "SELECT message_id FROM event_outbox WHERE published_at IS NOT NULL",
                row -> row.getString("message_id")));
    }

    /** How many events wait in the outbox to be published. */
    int pendingEvents() {
        return database.inTransaction(
                connection -> Sql.count(connection, "SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL"));
    }

    private static List<MatchDecision> decisions(Connection connection) throws SQLException {
        return Sql.list(
                connection,
                "SELECT match_id, user_id, decision, decided_at FROM match_decisions ORDER BY decided_at, match_id",
                row -> new MatchDecision(
                        Sql.uuid(row, "match_id"),
                        Sql.uuid(row, "user_id"),
                        row.getString("decision"),
                        SqlTimes.get(row, "decided_at")));
    }

    private static List<CleanupRecord> cleanups(Connection connection) throws SQLException {
        return Sql.list(
                connection,
                "SELECT event_id, user_id, pool_id, left_at, matches_deleted, decisions_deleted, accepted_kept,"
                        + " processed_at FROM cleanup_log ORDER BY processed_at, event_id",
                StateReader::cleanup);
    }

    private static CleanupRecord cleanup(ResultSet row) throws SQLException {
        return new CleanupRecord(
                row.getString("event_id"),
                Sql.uuid(row, "user_id"),
                Sql.uuid(row, "pool_id"),
                Optional.ofNullable(SqlTimes.get(row, "left_at")),
                row.getInt("matches_deleted"),
                row.getInt("decisions_deleted"),
                row.getInt("accepted_kept"),
                SqlTimes.get(row, "processed_at"));
    }

    private static List<OutboxEntry> outbox(Connection connection) throws SQLException {
        return Sql.list(
                connection,
                "SELECT event_id, user_id, pool_id, left_at, created_at, attempts, published_at, message_id,"
                        + " last_error FROM event_outbox ORDER BY id",
                StateReader::outboxEntry);
    }

    private static OutboxEntry outboxEntry(ResultSet row) throws SQLException {
        return new OutboxEntry(
                Sql.uuid(row, "event_id"),
                Sql.uuid(row, "user_id"),
                Sql.uuid(row, "pool_id"),
                SqlTimes.get(row, "left_at"),
                SqlTimes.get(row, "created_at"),
                row.getInt("attempts"),
                Optional.ofNullable(SqlTimes.get(row, "published_at")),
                Optional.ofNullable(row.getString("message_id")),
                Optional.ofNullable(row.getString("last_error")));
    }
}
