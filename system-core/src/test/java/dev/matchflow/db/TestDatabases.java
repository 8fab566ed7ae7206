package dev.matchflow.db;

import dev.matchflow.testing.TestDatabase;

/** Opens the system's {@link Database} on a test fixture's database. */
public final class TestDatabases {

    private TestDatabases() {}

    /** The database, migrated; close it at the end of the test. */
    public static Database open(TestDatabase testDatabase) {
        return Database.open(DatabaseSettings.of(testDatabase.jdbcUrl(), testDatabase.user(), testDatabase.password()));
    }
}
