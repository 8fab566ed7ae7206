package dev.matchflow.containers;

import com.github.dockerjava.api.exception.NotFoundException;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/** Whether Testcontainers finds a Docker engine here, and which images that engine lacks. */
public final class DockerEngine {

    private DockerEngine() {}

    /** Why containers cannot run here, or empty when a Docker engine answers. */
    public static Optional<String> whyUnavailable() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return Optional.empty();
        }
        String dockerHost = Optional.ofNullable(System.getenv("DOCKER_HOST")).orElse("unset");
        return Optional.of("no Docker engine answers here (DOCKER_HOST " + dockerHost
                + "); start one, or set DOCKER_HOST to where one listens");
    }

    /** The images of {@code wanted} the engine does not hold; it must answer ({@link #whyUnavailable()}). */
    public static List<DockerImageName> missing(List<DockerImageName> wanted) {
        return wanted.stream().filter(image -> !holds(image)).toList();
    }

    private static boolean holds(DockerImageName image) {
        try {
            DockerClientFactory.instance()
                    .client()
                    .inspectImageCmd(image.asCanonicalNameString())
                    .exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
