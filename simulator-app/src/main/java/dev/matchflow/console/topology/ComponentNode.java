package dev.matchflow.console.topology;

import dev.matchflow.stack.Component;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/** One part of the system in the diagram: its name, its state and its live counts. */
final class ComponentNode extends VBox {

    private final Label state = new Label();
    private final Label counts = new Label();
    private ComponentState shown;

    ComponentNode(Component component) {
        Label title = new Label(TopologyLayout.title(component));
        title.getStyleClass().add("component-title");
        state.getStyleClass().add("component-state");
        counts.getStyleClass().add("component-counts");
        counts.setTextAlignment(TextAlignment.CENTER);
        counts.setId("counts-" + component.name());
        getChildren().addAll(title, state, counts);
        getStyleClass().add("component-node");
        setId("component-" + component.name());
        setMinWidth(130);
        show(ComponentState.UP, "");
    }

    void show(ComponentState newState, String countsText) {
        if (newState != shown) {
            if (shown != null) {
                getStyleClass().remove(shown.styleClass());
            }
            getStyleClass().add(newState.styleClass());
            state.setText(newState.label());
            shown = newState;
        }
        counts.setText(countsText);
    }

    void selected(boolean selected) {
        getStyleClass().remove("selected-component");
        if (selected) {
            getStyleClass().add("selected-component");
        }
    }
}
