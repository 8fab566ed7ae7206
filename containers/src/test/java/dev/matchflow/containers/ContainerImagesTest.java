package dev.matchflow.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

class ContainerImagesTest {

    @Test
    void withoutSettingsThePublicImagesAndTheMatchflowImagesAreUsed() {
        ContainerImages images = ContainerImages.fromEnvironment(Map.of());

        assertThat(images.mysql().asCanonicalNameString()).isEqualTo("mysql:8.4");
        assertThat(images.pubsubEmulator().asCanonicalNameString())
                .isEqualTo("gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators");
        assertThat(images.matchflowImages())
                .extracting(DockerImageName::asCanonicalNameString)
                .containsExactly(
                        "matchflow/pools:latest",
                        "matchflow/matches:latest",
                        "matchflow/user-match:latest",
                        "matchflow/cleanup-function:latest",
                        "matchflow/trigger:latest");
    }

    @Test
    void standInsAreTakenAsTheImagesTheyReplace() {
        ContainerImages images = ContainerImages.fromEnvironment(Map.of(
                ContainerImages.MYSQL_IMAGE, "matchflow/mysql:local",
                ContainerImages.PUBSUB_EMULATOR_IMAGE, "matchflow/pubsub-emulator:local",
                ContainerImages.IMAGE_PREFIX, "registry.example/team/",
                ContainerImages.IMAGE_TAG, "0.1.0"));

        assertThat(images.mysql().isCompatibleWith(DockerImageName.parse("mysql")))
                .isTrue();
        assertThat(images.pubsubEmulator()
                        .isCompatibleWith(DockerImageName.parse("gcr.io/google.com/cloudsdktool/google-cloud-cli")))
                .isTrue();
        assertThat(images.trigger().asCanonicalNameString()).isEqualTo("registry.example/team/trigger:0.1.0");
    }
}
