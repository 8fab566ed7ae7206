package dev.matchflow.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.matchflow.http.Json;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Objects;

/**
 * Where the parts of a running stack are reached. Its JSON form ({@link #toJson()}) is what {@code ./matchflow
 * stack --endpoints-file} writes, for scripts and tests that drive the stack from outside.
 *
 * @param userMatch User-Match's base URL
 * @param pools the Pools service's base URL
 * @param matches the Matches service's base URL
 * @param function the URL the cleanup function takes CloudEvents on
 * @param pubsub {@code host:port} of the Pub/Sub emulator, as {@code PUBSUB_EMULATOR_HOST} takes it
 * @param project the Google Cloud project of the topic and subscriptions
 * @param topic the event topic
 * @param stack the stack's own endpoint: {@code /metrics} of the function, the trigger and the Pub/Sub backlog
 */
public record StackEndpoints(
        URI userMatch, URI pools, URI matches, URI function, String pubsub, String project, String topic, URI stack) {

    public StackEndpoints {
        Objects.requireNonNull(userMatch, "userMatch");
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(matches, "matches");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(pubsub, "pubsub");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(stack, "stack");
    }

    /** {@code {"user_match": ..., "pools": ..., "matches": ..., "function": ..., "pubsub", "project", "topic", "stack"}}. */
    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the stack's endpoints could not be written as JSON", e);
        }
    }

    /**
     * The endpoints as {@link #toJson()} wrote them.
     *
     * @throws IllegalArgumentException when {@code json} is not such a document
     */
    public static StackEndpoints fromJson(String json) {
        try {
            return Json.mapper().readValue(json, StackEndpoints.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stack endpoints document: " + e.getOriginalMessage(), e);
        }
    }
}
