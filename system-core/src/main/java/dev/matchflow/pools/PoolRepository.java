package dev.matchflow.pools;

import dev.matchflow.db.Sql;
import dev.matchflow.db.SqlTimes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code pools} and {@code pool_members} tables; every method runs on the caller's transaction. The row
 * mappers are public so that a stack's snapshot reads these rows as the service does.
 */
public final class PoolRepository {

    /** The columns {@link #pool} reads. */
    public static final String POOL_COLUMNS = "id, name, capacity, member_count, created_at";

    /** The columns {@link #membership} reads. */
    public static final String MEMBER_COLUMNS = "pool_id, user_id, joined_at";

    void insert(Connection connection, Pool pool) throws SQLException {
        Sql.update(
                connection,
                "INSERT INTO pools (" + POOL_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                pool.id(),
                pool.name(),
                pool.capacity(),
                pool.memberCount(),
                pool.createdAt());
    }

    Optional<Pool> find(Connection connection, UUID poolId) throws SQLException {
        return Sql.first(
                connection, "SELECT " + POOL_COLUMNS + " FROM pools WHERE id = ?", PoolRepository::pool, poolId);
    }

    /** The pool, its row locked until the transaction ends, so joins and leaves of it take turns. */
    Optional<Pool> lock(Connection connection, UUID poolId) throws SQLException {
        return Sql.first(
                connection,
                "SELECT " + POOL_COLUMNS + " FROM pools WHERE id = ? FOR UPDATE",
                PoolRepository::pool,
                poolId);
    }

    List<Pool> list(Connection connection) throws SQLException {
        return Sql.list(
                connection, "SELECT " + POOL_COLUMNS + " FROM pools ORDER BY created_at, id", PoolRepository::pool);
    }

    boolean delete(Connection connection, UUID poolId) throws SQLException {
        return Sql.update(connection, "DELETE FROM pools WHERE id = ?", poolId) > 0;
    }

    void addMember(Connection connection, Membership membership) throws SQLException {
        Sql.update(
                connection,
                "INSERT INTO pool_members (" + MEMBER_COLUMNS + ") VALUES (?, ?, ?)",
                membership.poolId(),
                membership.userId(),
                membership.joinedAt());
        changeMemberCount(connection, membership.poolId(), +1);
    }

    void removeMember(Connection connection, Membership membership) throws SQLException {
        Sql.update(connection, "DELETE FROM pool_members WHERE user_id = ?", membership.userId());
        changeMemberCount(connection, membership.poolId(), -1);
    }

    Optional<Membership> membership(Connection connection, UUID userId) throws SQLException {
        return Sql.first(
                connection,
                "SELECT " + MEMBER_COLUMNS + " FROM pool_members WHERE user_id = ?",
                PoolRepository::membership,
                userId);
    }

    Optional<Membership> lockMembership(Connection connection, UUID userId) throws SQLException {
        return Sql.first(
                connection,
                "SELECT " + MEMBER_COLUMNS + " FROM pool_members WHERE user_id = ? FOR UPDATE",
                PoolRepository::membership,
                userId);
    }

    List<Membership> members(Connection connection, UUID poolId) throws SQLException {
        return Sql.list(
                connection,
                "SELECT " + MEMBER_COLUMNS + " FROM pool_members WHERE pool_id = ? ORDER BY joined_at, user_id",
                PoolRepository::membership,
                poolId);
    }

    private static void changeMemberCount(Connection connection, UUID poolId, int change) throws SQLException {
        Sql.update(connection, "UPDATE pools SET member_count = member_count + ? WHERE id = ?", change, poolId);
    }

    /** A {@code pools} row read with {@link #POOL_COLUMNS}. */
    public static Pool pool(ResultSet row) throws SQLException {
        int capacity = row.getInt("capacity");
        boolean unlimited = row.wasNull();
        return new Pool(
                Sql.uuid(row, "id"),
                row.getString("name"),
                unlimited ? null : capacity,
                row.getInt("member_count"),
                SqlTimes.get(row, "created_at"));
    }

    /** A {@code pool_members} row read with {@link #MEMBER_COLUMNS}. */
    public static Membership membership(ResultSet row) throws SQLException {
        return new Membership(Sql.uuid(row, "pool_id"), Sql.uuid(row, "user_id"), SqlTimes.get(row, "joined_at"));
    }
}
