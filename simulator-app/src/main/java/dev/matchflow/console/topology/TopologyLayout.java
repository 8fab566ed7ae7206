package dev.matchflow.console.topology;

import dev.matchflow.stack.Component;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;

/** Where each part sits in the diagram (as fractions of its width and height), and the edges between them. */
final class TopologyLayout {

    /** A line of the diagram: the hops from one part to another travel along it. */
    record Edge(Component from, Component to) {}

    static final Map<Component, Point2D> PLACES = Map.of(
            Component.CLIENT, new Point2D(0.07, 0.42),
            Component.USER_MATCH, new Point2D(0.30, 0.17),
            Component.POOLS, new Point2D(0.58, 0.10),
            Component.MATCHES, new Point2D(0.88, 0.24),
            Component.OUTBOX, new Point2D(0.30, 0.45),
            Component.TOPIC, new Point2D(0.27, 0.74),
            Component.SUBSCRIPTION, new Point2D(0.50, 0.74),
            Component.TRIGGER, new Point2D(0.73, 0.74),
            Component.FUNCTION, new Point2D(0.87, 0.52),
            Component.DEAD_LETTER_TOPIC, new Point2D(0.50, 0.93));

    static final List<Edge> EDGES = List.of(
            new Edge(Component.CLIENT, Component.USER_MATCH),
            new Edge(Component.CLIENT, Component.POOLS),
            new Edge(Component.CLIENT, Component.MATCHES),
            new Edge(Component.CLIENT, Component.TOPIC),
            new Edge(Component.USER_MATCH, Component.POOLS),
            new Edge(Component.USER_MATCH, Component.OUTBOX),
            new Edge(Component.OUTBOX, Component.TOPIC),
            new Edge(Component.TOPIC, Component.SUBSCRIPTION),
            new Edge(Component.SUBSCRIPTION, Component.TRIGGER),
            new Edge(Component.TRIGGER, Component.FUNCTION),
            new Edge(Component.FUNCTION, Component.MATCHES),
            new Edge(Component.MATCHES, Component.POOLS),
            new Edge(Component.SUBSCRIPTION, Component.DEAD_LETTER_TOPIC));

    private TopologyLayout() {}

    /** The centre of {@code component} in a diagram of this size. */
    static Point2D centre(Component component, double width, double height) {
        Point2D place = PLACES.get(component);
        return new Point2D(place.getX() * width, place.getY() * height);
    }

    /** The name a part goes by in the diagram. */
    static String title(Component component) {
        return switch (component) {
            case CLIENT -> "Clients";
            case USER_MATCH -> "User-Match";
            case POOLS -> "Pools";
            case MATCHES -> "Matches";
            case OUTBOX -> "Outbox";
            case TOPIC -> "Topic";
            case SUBSCRIPTION -> "Subscription";
            case TRIGGER -> "Trigger";
            case FUNCTION -> "Cleanup function";
            case DEAD_LETTER_TOPIC -> "Dead-letter topic";
        };
    }

    /** What the part is, in a sentence, for its details. */
    static String description(Component component) {
        return switch (component) {
            case CLIENT -> "Whoever calls the public APIs: the console's actions, a scenario, curl.";
            case USER_MATCH -> "Takes joins and leaves; stores each leave's event in its outbox before answering.";
            case POOLS -> "Owns pools and memberships; a leave ends the membership and returns left_at.";
            case MATCHES -> "Owns matches and decisions; its cleanup deletes a leaver's non-accepted matches.";
            case OUTBOX -> "User-Match's event_outbox table; a relay publishes it, retrying while Pub/Sub is away.";
            case TOPIC -> "The Pub/Sub topic the leave events are published to.";
            case SUBSCRIPTION -> "match-cleanup-handler: retry backoff, dead letter after 5 attempts.";
            case TRIGGER -> "Pulls the subscription and POSTs each message as a CloudEvent; acks on 2xx.";
            case FUNCTION -> "The Cloud Functions Gen2 cleanup function: validates the event, calls Matches.";
            case DEAD_LETTER_TOPIC -> "Where messages go after their last failed attempt, for inspection and redrive.";
        };
    }
}
