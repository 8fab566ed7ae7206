package dev.matchflow.pubsub.embedded.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real {@code gcloud} CLI against the REST form on a shared port, the way a developer points it at a local
 * Pub/Sub: once against the embedded server, once against Google's emulator behind the shared port. Skipped where
 * {@code gcloud} is not on the PATH, and the emulator's run where the emulator is not installed.
 *
 * <p>What gcloud needs to run without credentials or network: the endpoint override, credentials disabled, a project,
 * and a configuration directory of its own. In that fresh directory gcloud would first ask the DNS for
 * {@code metadata.google.internal} to learn whether it runs on Compute Engine; the directory's {@code gce} cache file,
 * written here with {@code False}, answers that question so that nothing leaves the loopback interface.
 */
class GcloudCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "gcloud-project";

    @TempDir
    Path gcloudConfig;

    static Stream<Named<Supplier<OnePortServer>>> servers() {
        return Stream.of(
                Named.of("the embedded server", OnePortServer::embedded),
                Named.of("Google's emulator behind the shared port", OnePortServer::googleEmulatorBehindSharedPort));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("servers")
    void gcloudCreatesPublishesAndPullsWithAutoAck(Supplier<OnePortServer> server) throws Exception {
        assumeThat(gcloud())
                .as("gcloud is not on the PATH, so the gcloud CLI cannot be tried")
                .isPresent();
        try (OnePortServer pubsub = server.get()) {
            Map<String, String> environment = gcloudEnvironment(pubsub.port());

            gcloud(environment, "pubsub", "topics", "create", "cli-topic");
            gcloud(environment, "pubsub", "subscriptions", "create", "cli-sub", "--topic", "cli-topic");
            gcloud(
                    environment,
                    "pubsub",
                    "topics",
                    "publish",
                    "cli-topic",
                    "--message",
                    "hello from gcloud",
                    "--attribute",
                    "k1=v1,k2=v2");
            JsonNode pulled = JSON.readTree(
                    gcloud(environment, "pubsub", "subscriptions", "pull", "cli-sub", "--auto-ack", "--format=json"));

            JsonNode received = pulled.get(0);
            assertThat(RestFormContract.decoded(
                            received.path("message").path("data").asText()))
                    .isEqualTo("hello from gcloud");
            assertThat(received.path("message").path("attributes").path("k2").asText())
                    .isEqualTo("v2");
            assertThat(received.path("ackStatus").asText()).isEqualTo("SUCCESS");
        }
    }

    private String gcloud(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(gcloud().orElseThrow().toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(gcloudConfig, "gcloud-", ".out");
        Path errors = Files.createTempFile(gcloudConfig, "gcloud-", ".err");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
        builder.environment().putAll(environment);

        Process process = builder.start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }

        String said =
                Files.readString(output, StandardCharsets.UTF_8) + Files.readString(errors, StandardCharsets.UTF_8);
        assertThat(finished)
                .as("gcloud %s finished within a minute; it said: %s", arguments[2], said)
                .isTrue();
        assertThat(process.exitValue())
                .as("gcloud %s said: %s", String.join(" ", arguments), said)
                .isZero();
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private Map<String, String> gcloudEnvironment(int port) throws IOException {
        Files.writeString(gcloudConfig.resolve("gce"), "False");
        return Map.of(
                "CLOUDSDK_API_ENDPOINT_OVERRIDES_PUBSUB", "http://127.0.0.1:" + port + "/",
                "CLOUDSDK_AUTH_DISABLE_CREDENTIALS", "true",
                "CLOUDSDK_CORE_PROJECT", PROJECT,
                "CLOUDSDK_CONFIG", gcloudConfig.toString(),
                "CLOUDSDK_CORE_DISABLE_PROMPTS", "1",
                "CLOUDSDK_CORE_DISABLE_USAGE_REPORTING", "true",
                "CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK", "true");
    }

    private static Optional<Path> gcloud() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "gcloud"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
