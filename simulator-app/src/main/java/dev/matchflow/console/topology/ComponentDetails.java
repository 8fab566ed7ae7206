package dev.matchflow.console.topology;

import dev.matchflow.stack.Component;
import dev.matchflow.stack.StackSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.Node;
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
    private final VBox sections = new VBox(8);
    private final List<Function<Component, Node>> sectionMakers = new ArrayList<>();
    private Component shown;

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
        root.getChildren().addAll(title, description, state, calls, held, sections);
        root.setPadding(new Insets(12));
        root.setPrefWidth(300);
        root.getStyleClass().add("component-details");
    }

    VBox node() {
        return root;
    }

    /** Adds a section to the details of every part, made anew for each part shown. */
    void addSection(Function<Component, Node> maker) {
        sectionMakers.add(maker);
    }

    void refresh(Component component, StackSnapshot snapshot, ComponentState current) {
        if (component == null) {
            return;
        }
        long now = System.nanoTime();
        if (component != shown) {
            shown = component;
            sections.getChildren()
                    .setAll(sectionMakers.stream()
                            .map(maker -> maker.apply(component))
                            .toList());
        }
        title.setText(TopologyLayout.title(component));
        description.setText(TopologyLayout.description(component));
        state.setText("State: " + current.label());
        calls.setText(health.summary(component, now));
        held.setText(counts.of(component, snapshot));
    }
}
