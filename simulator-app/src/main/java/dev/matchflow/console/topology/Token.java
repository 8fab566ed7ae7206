package dev.matchflow.console.topology;

import dev.matchflow.stack.Component;
import javafx.scene.paint.Color;

/**
 * A hop on its way across the diagram: it leaves {@code from} at {@code startNanos} and reaches {@code to} one
 * travel time later. A hop from a part to itself (a nack, a rejection) is drawn as a ring around the part.
 */
record Token(Component from, Component to, Color color, long startNanos) {}
