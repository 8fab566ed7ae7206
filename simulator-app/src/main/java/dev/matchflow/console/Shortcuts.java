package dev.matchflow.console;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.input.KeyCombination;

/** The console's keyboard shortcuts, installed on its scene and listed in their help dialog. */
public final class Shortcuts {

    private record Shortcut(KeyCombination keys, String what, Runnable action) {}

    private final List<Shortcut> shortcuts = new ArrayList<>();

    /** Adds a shortcut, for example {@code add("Shortcut+N", "create a pool", actions::createPool)}. */
    public Shortcuts add(String keys, String what, Runnable action) {
        shortcuts.add(new Shortcut(KeyCombination.keyCombination(keys), what, action));
        return this;
    }

    public void installOn(Scene scene) {
        shortcuts.forEach(shortcut -> scene.getAccelerators().put(shortcut.keys(), shortcut.action()));
    }

    /** One line per shortcut: its keys as this platform shows them, and what it does. */
    public String describe() {
        return shortcuts.stream()
                .map(shortcut -> String.format("%-16s %s", shortcut.keys().getDisplayText(), shortcut.what()))
                .collect(Collectors.joining("\n"));
    }

    /** Shows every shortcut in a dialog. */
    public void showHelp() {
        Alert help = new Alert(Alert.AlertType.INFORMATION, describe());
        help.setTitle("Keyboard shortcuts");
        help.setHeaderText("Keyboard shortcuts");
        help.getDialogPane().setStyle("-fx-font-family: monospace;");
        help.show();
    }
}
