package dev.matchflow.containers;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.testcontainers.utility.DockerImageName;

/** The extension behind {@link OnContainers}. */
final class ContainersPresent implements ExecutionCondition, TestTemplateInvocationContextProvider {

    private static final String REQUIRED = "MATCHFLOW_REQUIRE_CONTAINERS";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Boolean.parseBoolean(System.getenv(REQUIRED))) {
            return ConditionEvaluationResult.enabled(REQUIRED + "=true");
        }
        return whyNot().map(reason -> ConditionEvaluationResult.disabled(
                        "skipped: " + reason + " (" + REQUIRED + "=true makes these tests fail instead)"))
                .orElseGet(() -> ConditionEvaluationResult.enabled("Docker runs and holds the images"));
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[containers]";
            }
        });
    }

    private static Optional<String> whyNot() {
        Optional<String> unavailable = DockerEngine.whyUnavailable();
        if (unavailable.isPresent()) {
            return unavailable;
        }
        List<DockerImageName> missing =
                DockerEngine.missing(ContainerImages.fromEnvironment().matchflowImages());
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Docker lacks the images " + missing
                + "; build them with mvn -Pimages -pl deploy/images -am package (.ci/containers does)");
    }
}
