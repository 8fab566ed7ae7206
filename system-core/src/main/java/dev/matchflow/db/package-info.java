/** The shared SQL database: connection pool, migrations, transactions and how times are stored. */
package dev.matchflow.db;
