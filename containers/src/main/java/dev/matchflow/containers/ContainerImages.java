package dev.matchflow.containers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.testcontainers.utility.DockerImageName;

/**
 * The images a {@link ContainerStack} runs. By default the public MySQL 8 and Cloud SDK emulator images and the
 * Matchflow images that {@code mvn -Pimages -pl deploy/images -am package} builds; the environment variables that
 * {@code deploy/compose.yaml} reads change them, for example to local stand-ins where no registry is reachable:
 * {@value #MYSQL_IMAGE}, {@value #PUBSUB_EMULATOR_IMAGE}, {@value #IMAGE_PREFIX} and {@value #IMAGE_TAG}.
 *
 * <p>Another MySQL or emulator image must start as the official one does: MySQL configured by its {@code MYSQL_*}
 * variables, the emulator by {@code gcloud beta emulators pubsub start --host-port 0.0.0.0:8085}.
 *
 * @param mysql the database server, standing in for {@code mysql} when it is another image
 * @param pubsubEmulator Google's emulator, standing in for the Cloud SDK's image when it is another image
 * @param pools the Pools service
 * @param matches the Matches service
 * @param userMatch the User-Match service
 * @param function the cleanup function in the Functions Framework
 * @param trigger the trigger that delivers the subscription's messages to the function
 */
public record ContainerImages(
        DockerImageName mysql,
        DockerImageName pubsubEmulator,
        DockerImageName pools,
        DockerImageName matches,
        DockerImageName userMatch,
        DockerImageName function,
        DockerImageName trigger) {

    public static final String MYSQL_IMAGE = "MATCHFLOW_MYSQL_IMAGE";
    public static final String PUBSUB_EMULATOR_IMAGE = "MATCHFLOW_PUBSUB_EMULATOR_IMAGE";
    public static final String IMAGE_PREFIX = "MATCHFLOW_IMAGE_PREFIX";
    public static final String IMAGE_TAG = "MATCHFLOW_IMAGE_TAG";

    static final String DEFAULT_MYSQL = "mysql:8.4";
    static final String DEFAULT_PUBSUB_EMULATOR = "gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators";

    private static final DockerImageName MYSQL = DockerImageName.parse("mysql");
    private static final DockerImageName CLOUD_SDK =
            DockerImageName.parse("gcr.io/google.com/cloudsdktool/google-cloud-cli");

    public ContainerImages {
        Objects.requireNonNull(mysql, "mysql");
        Objects.requireNonNull(pubsubEmulator, "pubsubEmulator");
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(matches, "matches");
        Objects.requireNonNull(userMatch, "userMatch");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(trigger, "trigger");
    }

    /** The images this process's environment names, the defaults where it names none. */
    public static ContainerImages fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The images {@code environment} names, the defaults where it names none. */
    public static ContainerImages fromEnvironment(Map<String, String> environment) {
        String prefix = setting(environment, IMAGE_PREFIX, "matchflow/");
        String tag = setting(environment, IMAGE_TAG, "latest");
        return new ContainerImages(
                DockerImageName.parse(setting(environment, MYSQL_IMAGE, DEFAULT_MYSQL))
                        .asCompatibleSubstituteFor(MYSQL),
                DockerImageName.parse(setting(environment, PUBSUB_EMULATOR_IMAGE, DEFAULT_PUBSUB_EMULATOR))
                        .asCompatibleSubstituteFor(CLOUD_SDK),
                DockerImageName.parse(prefix + "pools:" + tag),
                DockerImageName.parse(prefix + "matches:" + tag),
                DockerImageName.parse(prefix + "user-match:" + tag),
                DockerImageName.parse(prefix + "cleanup-function:" + tag),
                DockerImageName.parse(prefix + "trigger:" + tag));
    }

    /** Every Matchflow image, the ones {@code deploy/images} builds. */
    public List<DockerImageName> matchflowImages() {
        return List.of(pools, matches, userMatch, function, trigger);
    }

    private static String setting(Map<String, String> environment, String name, String fallback) {
        String value = environment.getOrDefault(name, "").trim();
        return value.isEmpty() ? fallback : value;
    }
}
