package dev.matchflow.console;

import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** What the person at the console has picked on any screen, for the actions to work on. */
public final class Selection {

    private final ObjectProperty<UUID> pool = new SimpleObjectProperty<>();
    private final ObjectProperty<UUID> user = new SimpleObjectProperty<>();
    private final ObjectProperty<UUID> match = new SimpleObjectProperty<>();

    public ObjectProperty<UUID> pool() {
        return pool;
    }

    public ObjectProperty<UUID> user() {
        return user;
    }

    public ObjectProperty<UUID> match() {
        return match;
    }

    public void clear() {
        pool.set(null);
        user.set(null);
        match.set(null);
    }
}
