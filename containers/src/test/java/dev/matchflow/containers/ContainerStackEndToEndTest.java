package dev.matchflow.containers;

import dev.matchflow.stack.RunningStack;
import dev.matchflow.stack.StackEndToEndContract;
import dev.matchflow.stack.StackSettings;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The end-to-end contract on the system in containers: MySQL, Google's emulator and a container per part, started
 * from their images. One platform (MySQL and the emulator) serves every test; each test has its own database,
 * Pub/Sub project and service containers.
 */
@OnContainers
class ContainerStackEndToEndTest extends StackEndToEndContract {

    private static ContainerPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = ContainerPlatform.start(ContainerImages.fromEnvironment());
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Override
    protected RunningStack startStack(UnaryOperator<StackSettings> adjust) {
        StackSettings settings = StackSettings.defaults()
                .withProjectId("containers-" + UUID.randomUUID().toString().substring(0, 8));
        return ContainerStack.start(platform, adjust.apply(settings));
    }
}
