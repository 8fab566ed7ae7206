package dev.matchflow.console.topology;

import dev.matchflow.console.Outcomes;
import dev.matchflow.console.UiBatch;
import dev.matchflow.console.UiLatest;
import dev.matchflow.console.timeline.TimelineView;
import dev.matchflow.stack.Component;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.FlowOutcome;
import dev.matchflow.stack.StackSnapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

/**
 * The topology screen. Every hop of the flow becomes a token that travels its edge in {@link #TRAVEL_NANOS}, in the
 * colour of its outcome; at most {@link #MAX_TOKENS} travel at once, and hops beyond that are counted instead of
 * drawn, so a storm of events costs the screen no more than a busy minute. Clicking a part opens its details.
 */
public final class TopologyView {

    static final long TRAVEL_NANOS = 700_000_000L;
    static final int MAX_TOKENS = 400;

    /** Tokens move at about 30 frames a second: smooth to the eye, half the drawing of every pulse. */
    static final long FRAME_NANOS = 30_000_000L;

    private final Canvas canvas = new Canvas();
    private final Map<Component, ComponentNode> nodes = new EnumMap<>(Component.class);
    private final ComponentHealth health = new ComponentHealth();
    private final HopCounts counts = new HopCounts();
    private final List<Token> tokens = new ArrayList<>();
    private final ObjectProperty<Component> selected = new SimpleObjectProperty<>();
    private final ComponentDetails details;
    private final UiLatest<StackSnapshot> snapshots;
    private final Label notDrawnLabel = new Label();
    private final BorderPane root = new BorderPane();
    private final AnimationTimer animation = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (now - lastFrame >= FRAME_NANOS) {
                lastFrame = now;
                draw(now);
            }
        }
    };
    private Map<Component, ComponentState> faultStates = Map.of();
    private long notDrawn;
    private long lastFrame;
    private boolean animating;

    public TopologyView(UiBatch<FlowEvent> events, UiLatest<StackSnapshot> snapshots) {
        this.snapshots = snapshots;
        this.details = new ComponentDetails(health, counts);
        events.subscribe(this::arrived);
        snapshots.subscribe(state -> refreshNodes());
        Pane diagram = diagram();
        notDrawnLabel.getStyleClass().add("tokens-not-drawn");
        notDrawnLabel.setId("tokens-not-drawn");
        BorderPane centre = new BorderPane(diagram);
        centre.setBottom(notDrawnLabel);
        root.setCenter(centre);
        root.setRight(details.node());
        selected.addListener((property, was, now) -> select(was, now));
    }

    public BorderPane node() {
        return root;
    }

    /** The part whose details are open; null when none is. */
    public ObjectProperty<Component> selectedComponent() {
        return selected;
    }

    /** The state the diagram shows for {@code component} now: the worse of what its calls and its faults say. */
    public ComponentState stateOf(Component component) {
        ComponentState seen = health.stateOf(component, System.nanoTime());
        return seen.worse(faultStates.getOrDefault(component, ComponentState.UP));
    }

    /** The states the faults switched on put the parts in; parts not named are as their calls say. */
    public void showFaultStates(Map<Component, ComponentState> states) {
        faultStates = Map.copyOf(states);
        refreshNodes();
    }

    /** Adds a section to every part's details (the fault switches), made anew for each part shown. */
    public void addDetailsSection(Function<Component, Node> section) {
        details.addSection(section);
    }

    /** Forgets every count and token, as after a reset. */
    public void clear() {
        tokens.clear();
        health.clear();
        counts.clear();
        notDrawn = 0;
        refreshNodes();
    }

    private Pane diagram() {
        Pane diagram = new Pane() {
            @Override
            protected void layoutChildren() {
                placeNodes(getWidth(), getHeight());
            }
        };
        diagram.getStyleClass().add("topology");
        diagram.setId("topology");
        canvas.widthProperty().bind(diagram.widthProperty());
        canvas.heightProperty().bind(diagram.heightProperty());
        diagram.getChildren().add(canvas);
        for (Component component : Component.values()) {
            ComponentNode node = new ComponentNode(component);
            node.setOnMouseClicked(click -> selected.set(component));
            nodes.put(component, node);
            diagram.getChildren().add(node);
        }
        return diagram;
    }

    /** Places each part at its spot, kept inside the diagram, so its edges and tokens meet it where it is. */
    private void placeNodes(double width, double height) {
        nodes.forEach((component, node) -> {
            node.autosize();
            Point2D spot = TopologyLayout.centre(component, width, height);
            double x = clamp(spot.getX() - node.getWidth() / 2, width - node.getWidth());
            double y = clamp(spot.getY() - node.getHeight() / 2, height - node.getHeight());
            node.relocate(x, y);
        });
        draw(System.nanoTime());
    }

    private static double clamp(double position, double largest) {
        return Math.max(4, Math.min(position, largest - 4));
    }

    private Point2D centre(Component component) {
        ComponentNode node = nodes.get(component);
        return new Point2D(node.getLayoutX() + node.getWidth() / 2, node.getLayoutY() + node.getHeight() / 2);
    }

    private void arrived(List<FlowEvent> batch) {
        long now = System.nanoTime();
        for (FlowEvent hop : batch) {
            health.record(hop, now);
            counts.record(hop);
            launch(hop, now);
        }
        refreshNodes();
        if (!animating && !tokens.isEmpty()) {
            animating = true;
            animation.start();
        }
    }

    private void launch(FlowEvent hop, long now) {
        Color color = Outcomes.color(hop.outcome());
        forEachLeg(hop, leg -> {
            if (tokens.size() >= MAX_TOKENS) {
                notDrawn++;
                return;
            }
            tokens.add(new Token(leg.from(), leg.to(), color, now + leg.delay()));
        });
    }

    /** A published message travels on from the topic to the subscription once it arrives there. */
    private static void forEachLeg(FlowEvent hop, Consumer<Leg> legs) {
        legs.accept(new Leg(hop.from(), hop.to(), 0));
        if (hop.to() == Component.TOPIC && hop.outcome() == FlowOutcome.OK) {
            legs.accept(new Leg(Component.TOPIC, Component.SUBSCRIPTION, TRAVEL_NANOS));
        }
    }

    private record Leg(Component from, Component to, long delay) {}

    private void refreshNodes() {
        StackSnapshot state = snapshots.current();
        nodes.forEach((component, node) -> node.show(stateOf(component), counts.of(component, state)));
        notDrawnLabel.setText(
                notDrawn == 0
                        ? ""
                        : notDrawn + " hops were too many to draw; the timeline lists the last " + TimelineView.CAPACITY
                                + " hops");
        Component shown = selected.get();
        details.refresh(shown, state, shown == null ? ComponentState.UP : stateOf(shown));
    }

    private void select(Component was, Component now) {
        if (was != null) {
            nodes.get(was).selected(false);
        }
        if (now != null) {
            nodes.get(now).selected(true);
        }
        details.refresh(now, snapshots.current(), now == null ? ComponentState.UP : stateOf(now));
    }

    private void draw(long now) {
        GraphicsContext graphics = canvas.getGraphicsContext2D();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        graphics.clearRect(0, 0, width, height);
        drawEdges(graphics);
        drawTokens(graphics, now);
        if (tokens.isEmpty() && animating) {
            animating = false;
            animation.stop();
        }
    }

    private void drawEdges(GraphicsContext graphics) {
        graphics.setStroke(Color.gray(0.55, 0.6));
        graphics.setLineWidth(2);
        for (TopologyLayout.Edge edge : TopologyLayout.EDGES) {
            Point2D from = centre(edge.from());
            Point2D to = centre(edge.to());
            graphics.strokeLine(from.getX(), from.getY(), to.getX(), to.getY());
        }
    }

    private void drawTokens(GraphicsContext graphics, long now) {
        Iterator<Token> travelling = tokens.iterator();
        while (travelling.hasNext()) {
            Token token = travelling.next();
            double progress = (now - token.startNanos()) / (double) TRAVEL_NANOS;
            if (progress > 1) {
                travelling.remove();
            } else if (progress >= 0) {
                drawToken(graphics, token, progress);
            }
        }
    }

    private void drawToken(GraphicsContext graphics, Token token, double progress) {
        Point2D from = centre(token.from());
        graphics.setFill(token.color());
        graphics.setStroke(token.color());
        if (token.from() == token.to()) {
            double radius = 40 + 30 * progress;
            graphics.setGlobalAlpha(1 - progress);
            graphics.strokeOval(from.getX() - radius, from.getY() - radius, radius * 2, radius * 2);
            graphics.setGlobalAlpha(1);
            return;
        }
        Point2D to = centre(token.to());
        double eased = progress * progress * (3 - 2 * progress);
        Point2D at = from.add(to.subtract(from).multiply(eased));
        graphics.fillOval(at.getX() - 6, at.getY() - 6, 12, 12);
    }
}
