package dev.matchflow.pubsub.embedded;

import java.util.regex.Pattern;

/** Parses and checks the resource names of the API: projects, topics and subscriptions. */
final class ResourceNames {

    /** The topic a subscription shows once its topic has been deleted, as the real service does. */
    static final String DELETED_TOPIC = "_deleted-topic_";

    private static final Pattern PROJECT = Pattern.compile("projects/[^/]+");
    private static final Pattern TOPIC = Pattern.compile("projects/[^/]+/topics/([^/]+)");
    private static final Pattern SUBSCRIPTION = Pattern.compile("projects/[^/]+/subscriptions/([^/]+)");
    private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9\\-_.~+%]{2,254}");
    private static final String ID_RULE = "has 3 to 255 characters, starts with a letter, uses only letters, digits"
            + " and - _ . ~ + %, and does not start with goog";

    private ResourceNames() {}

    static String checkProject(String name) {
        if (name == null || !PROJECT.matcher(name).matches()) {
            throw ApiErrors.invalidArgument(
                    "Invalid [projects] name: (name=" + name + "). Expected projects/{project}");
        }
        return name;
    }

    static String checkTopic(String name) {
        if (!isValid(TOPIC, name)) {
            throw ApiErrors.invalidArgument("Invalid [topics] name: (name=" + name
                    + "). Expected projects/{project}/topics/{topic}, where {topic} " + ID_RULE);
        }
        return name;
    }

    static String checkSubscription(String name) {
        if (!isValid(SUBSCRIPTION, name)) {
            throw ApiErrors.invalidArgument("Invalid [subscriptions] name: (name=" + name
                    + "). Expected projects/{project}/subscriptions/{subscription}, where {subscription} " + ID_RULE);
        }
        return name;
    }

    /** The project id in a topic or subscription name: {@code p} in {@code projects/p/topics/t}. */
    static String projectId(String name) {
        return name.split("/", 3)[1];
    }

    /** The last segment of a topic or subscription name: {@code t} in {@code projects/p/topics/t}. */
    static String resourceId(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static boolean isValid(Pattern pattern, String name) {
        if (name == null) {
            return false;
        }
        var matcher = pattern.matcher(name);
        if (!matcher.matches()) {
            return false;
        }
        String id = matcher.group(1);
        return RESOURCE_ID.matcher(id).matches() && !id.startsWith("goog");
    }
}
