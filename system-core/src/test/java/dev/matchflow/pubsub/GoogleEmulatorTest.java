package dev.matchflow.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleEmulatorTest {

    @Test
    void withoutACloudSdkTheLookupSaysWhereItLookedAndHowToInstall(@TempDir Path emptySdk) {
        Map<String, String> env = Map.of("CLOUDSDK_ROOT_DIR", emptySdk.toString(), "PATH", emptySdk.toString());

        GoogleEmulatorLocator.Lookup lookup = GoogleEmulatorLocator.find(env, emptySdk.resolve("usual"));

        assertThat(lookup.isInstalled()).isFalse();
        assertThat(lookup.reason())
                .contains("not installed")
                .contains(emptySdk.resolve(GoogleEmulatorLocator.LAUNCHER).toString())
                .contains(emptySdk.resolve("usual")
                        .resolve(GoogleEmulatorLocator.LAUNCHER)
                        .toString())
                .contains("gcloud components install pubsub-emulator");
        assertThatThrownBy(lookup::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(lookup.reason());
    }

    @Test
    void anSdkRootFromTheEnvironmentIsSearchedFirst() {
        GoogleEmulatorLocator.Lookup usual = GoogleEmulator.find();
        assumeTrue(usual.isInstalled(), usual::reason);
        Path sdkRoot = usual.launcher()
                .orElseThrow()
                .getParent()
                .getParent()
                .getParent()
                .getParent();

        GoogleEmulatorLocator.Lookup lookup = GoogleEmulator.find(Map.of("CLOUDSDK_ROOT_DIR", sdkRoot.toString()));

        assertThat(lookup.launcher()).contains(sdkRoot.resolve(GoogleEmulatorLocator.LAUNCHER));
    }

    @Test
    void theEmulatorAnswersOnItsLoopbackPortAndItsWholeProcessTreeStopsOnClose() {
        GoogleEmulatorLocator.Lookup lookup = GoogleEmulator.find();
        assumeTrue(lookup.isInstalled(), lookup::reason);

        GoogleEmulator emulator = lookup.start();
        List<ProcessHandle> processes = processesListeningFor(emulator);
        try (PubSubClients clients = PubSubClients.forEmulator("p", emulator.endpoint())) {
            clients.topicAdmin().createTopic(clients.topicName("answered"));
        }
        emulator.close();

        assertThat(emulator.endpoint()).isEqualTo("127.0.0.1:" + emulator.port());
        assertThat(processes).isNotEmpty().noneMatch(ProcessHandle::isAlive);
    }

    private static List<ProcessHandle> processesListeningFor(GoogleEmulator emulator) {
        return ProcessHandle.current()
                .descendants()
                .filter(process -> process.info()
                        .arguments()
                        .map(arguments -> List.of(arguments).contains("--port=" + emulator.port()))
                        .orElse(false))
                .toList();
    }
}
