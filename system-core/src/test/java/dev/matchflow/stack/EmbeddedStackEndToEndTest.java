package dev.matchflow.stack;

import dev.matchflow.db.DatabaseSettings;

/** The end-to-end contract on the embedded Pub/Sub server, the default backend. */
class EmbeddedStackEndToEndTest extends StackEndToEndContract {

    @Override
    StackSettings settingsFor(DatabaseSettings database) {
        return StackSettings.defaults().withDatabase(database);
    }
}
