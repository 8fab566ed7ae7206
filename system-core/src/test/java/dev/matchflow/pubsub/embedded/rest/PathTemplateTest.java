package dev.matchflow.pubsub.embedded.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    private final PathTemplate publish = PathTemplate.parse("/v1/{topic=projects/*/topics/*}:publish");

    @Test
    void aVariableBindsTheWholeResourceNameAndLeavesTheCustomVerbToTheTemplate() {
        assertThat(publish.match("/v1/projects/p/topics/orders:publish"))
                .contains(Map.of("topic", "projects/p/topics/orders"));
    }

    @Test
    void anotherCustomVerbDoesNotMatch() {
        assertThat(publish.match("/v1/projects/p/topics/orders:detach")).isEmpty();
    }

    @Test
    void aPathWithoutTheCustomVerbDoesNotMatch() {
        assertThat(publish.match("/v1/projects/p/topics/orders")).isEmpty();
    }

    @Test
    void aWildcardMatchesExactlyOneSegment() {
        PathTemplate list = PathTemplate.parse("/v1/{project=projects/*}/topics");

        assertThat(list.match("/v1/projects/p/topics")).contains(Map.of("project", "projects/p"));
        assertThat(list.match("/v1/projects/p/extra/topics")).isEmpty();
    }

    @Test
    void aDottedVariableNamesANestedField() {
        PathTemplate update = PathTemplate.parse("/v1/{topic.name=projects/*/topics/*}");

        assertThat(update.match("/v1/projects/p/topics/t")).contains(Map.of("topic.name", "projects/p/topics/t"));
    }

    @Test
    void percentEscapesAreDecodedAndAPlusSignStaysAPlusSign() {
        assertThat(publish.match("/v1/projects/p/topics/a%7Eb+c:publish"))
                .contains(Map.of("topic", "projects/p/topics/a~b+c"));
    }

    @Test
    void aMalformedPercentEscapeIsAnInvalidArgumentNamingIt() {
        assertThatThrownBy(() -> publish.match("/v1/projects/p/topics/bad%zz:publish"))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("projects/p/topics/bad%zz")
                .extracting(failure -> Status.fromThrowable(failure).getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void aTemplateWithAWildcardOutsideAVariableIsRefused() {
        assertThatThrownBy(() -> PathTemplate.parse("/v1/*/topics"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/v1/*/topics");
    }
}
