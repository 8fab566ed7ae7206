package dev.matchflow.console;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Layout helpers the screens share. */
public final class Panes {

    private Panes() {}

    /** {@code content} under a heading, growing to fill the height it is given. */
    public static VBox titled(String title, Node content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("pane-title");
        VBox box = new VBox(4, heading, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
    }
}
