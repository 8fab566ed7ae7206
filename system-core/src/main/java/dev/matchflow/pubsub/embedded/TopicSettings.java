package dev.matchflow.pubsub.embedded;

import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Durations;
import com.google.pubsub.v1.Topic;
import java.util.Set;

/** Checks a topic's settings and applies updates, with the real service's rules and messages. */
final class TopicSettings {

    private static final Duration MIN_RETENTION = Durations.fromMinutes(10);
    private static final Duration MAX_RETENTION = Durations.fromDays(31);
    private static final Set<String> UNSUPPORTED = Set.of("schema_settings", "ingestion_data_source_settings");

    private TopicSettings() {}

    static Topic checked(Topic topic) {
        if (topic.hasSchemaSettings()) {
            throw unsupported("schema_settings");
        }
        if (topic.hasIngestionDataSourceSettings()) {
            throw unsupported("ingestion_data_source_settings");
        }
        if (topic.hasMessageRetentionDuration()) {
            checkRetention(topic.getMessageRetentionDuration());
        }
        return topic;
    }

    /** The topic with the fields named in the mask taken from {@code patch}. */
    static Topic applyUpdate(Topic current, Topic patch, FieldMask mask) {
        if (mask.getPathsCount() == 0) {
            throw ApiErrors.invalidArgument("The update_mask in the UpdateTopicRequest must be set, and must contain"
                    + " a non-empty paths list.");
        }
        Topic.Builder updated = current.toBuilder();
        for (String path : mask.getPathsList()) {
            applyPath(updated, patch, path);
        }
        return checked(updated.build());
    }

    private static void applyPath(Topic.Builder updated, Topic patch, String path) {
        switch (path) {
            case "labels" -> updated.clearLabels().putAllLabels(patch.getLabelsMap());
            case "message_retention_duration" -> {
                updated.clearMessageRetentionDuration();
                if (patch.hasMessageRetentionDuration()) {
                    updated.setMessageRetentionDuration(patch.getMessageRetentionDuration());
                }
            }
            case "kms_key_name" -> updated.setKmsKeyName(patch.getKmsKeyName());
            case "message_storage_policy" -> updated.setMessageStoragePolicy(patch.getMessageStoragePolicy());
            case "name" ->
                throw ApiErrors.invalidArgument(
                        "Invalid update_mask provided in the UpdateTopicRequest: the name field in the Topic is not"
                                + " mutable.");
            default -> throw unknownOrUnsupported(path);
        }
    }

    private static RuntimeException unknownOrUnsupported(String path) {
        if (UNSUPPORTED.contains(path)) {
            return unsupported(path);
        }
        return ApiErrors.invalidArgument("Invalid update_mask provided in the UpdateTopicRequest: " + path
                + " is not a known Topic field. Note that field paths must be of the form 'schema_settings' rather"
                + " than 'schemaSettings'.");
    }

    private static void checkRetention(Duration retention) {
        if (Durations.compare(retention, MIN_RETENTION) < 0 || Durations.compare(retention, MAX_RETENTION) > 0) {
            throw ApiErrors.invalidArgument("The value for message_retention_duration is out of bounds. You passed "
                    + Durations.toString(retention) + " in the request, but the value must be between "
                    + Durations.toString(MIN_RETENTION) + " and " + Durations.toString(MAX_RETENTION) + ".");
        }
    }

    private static RuntimeException unsupported(String field) {
        return ApiErrors.unimplemented(
                "Topic field " + field + " is not supported by the embedded Pub/Sub server; leave it unset");
    }
}
