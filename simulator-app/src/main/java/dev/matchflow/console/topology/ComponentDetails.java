package dev.matchflow.console.topology;

import dev.matchflow.stack.Component;
import dev.matchflow.stack.StackSnapshot;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The pane beside the diagram that tells about the part clicked: what it is, its state, its counts. */
final class ComponentDetails {

    private final ComponentHealth health;
    private final HopCounts counts;
    private final Label title = new Label("Click a part of the system");
    private final Label description = new Label("Its state, its counts and its recent calls appear here.");
    private final Label state = new Label();
    private final Label calls = new Label();
    private final Label held = new Label();
    private final VBox root = new VBox(8);

    ComponentDetails(ComponentHealth health, HopCounts counts) {
        this.health = health;
        this.counts = counts;
        title.getStyleClass().add("details-title");
        title.setId("details-title");
        state.setId("details-state");
        calls.setId("details-calls");
        held.setId("details-counts");
        for (Label label : new Label[] {description, state, calls, held}) {
            label.setWrapText(true);
        }
        root.getChildren().addAll(title, description, state, calls, held);
        root.setPadding(new Insets(12));
        root.setPrefWidth(300);
        root.getStyleClass().add("component-details");
    }

    VBox node() {
        return root;
    }

    void refresh(Component component, StackSnapshot snapshot) {
        if (component == null) {
            return;
        }
        long now = System.nanoTime();
        title.setText(TopologyLayout.title(component));
        description.setText(TopologyLayout.description(component));
        state.setText("State: " + health.stateOf(component, now).label());
        calls.setText(health.summary(component, now));
        held.setText(counts.of(component, snapshot));
    }
}
