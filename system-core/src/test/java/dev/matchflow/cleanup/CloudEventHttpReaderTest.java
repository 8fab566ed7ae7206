package dev.matchflow.cleanup;

import static dev.matchflow.events.EventFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventHttpReaderTest {

    private static final byte[] DATA = "{\"message\":{}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void binaryModeTakesAttributesFromHeadersAndDataFromTheBody() throws Exception {
        Map<String, List<String>> headers = binaryHeaders();
        headers.put("Ce-Time", List.of("2025-12-05T10:30:00Z"));
        headers.put("Ce-Traceparent", List.of("00-abc-def-01"));

        CloudEvent event = CloudEventHttpReader.read(headers, DATA);

        assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(event.getId()).isEqualTo("1234");
        assertThat(event.getSource()).isEqualTo(URI.create("//pubsub.googleapis.com/projects/p/topics/t"));
        assertThat(event.getType()).isEqualTo("google.cloud.pubsub.topic.v1.messagePublished");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2025-12-05T10:30:00Z"));
        assertThat(event.getExtension("traceparent")).isEqualTo("00-abc-def-01");
        assertThat(event.getData().toBytes()).isEqualTo(DATA);
    }

    @Test
    void binaryModeHeaderValuesArePercentDecoded() throws Exception {
        Map<String, List<String>> headers = binaryHeaders();
        headers.put("ce-subject", List.of("caf%C3%A9 %25 done"));

        CloudEvent event = CloudEventHttpReader.read(headers, DATA);

        assertThat(event.getSubject()).isEqualTo("café % done");
    }

    @Test
    void structuredModeReadsJsonDataAsItsBytes() throws Exception {
        CloudEvent event = CloudEventHttpReader.read(
                Map.of("Content-Type", List.of("application/cloudevents+json; charset=utf-8")),
                payload("structured-cloudevent.json"));

        assertThat(event.getId()).isEqualTo("1234");
        assertThat(event.getData().toBytes()).isEqualTo(DATA);
    }

    @Test
    void structuredModeReadsBase64Data() throws Exception {
        String body = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"data_base64\":\"AAEC\"}";

        CloudEvent event = CloudEventHttpReader.read(
                Map.of("content-type", List.of("application/cloudevents+json")), body.getBytes(StandardCharsets.UTF_8));

        assertThat(event.getData().toBytes()).containsExactly(0, 1, 2);
    }

    @Test
    void eventWithoutDataHasNone() throws Exception {
        CloudEvent event = CloudEventHttpReader.read(binaryHeaders(), new byte[0]);

        assertThat(event.getData()).isNull();
    }

    @Test
    void binaryModeWithoutIdIsNotACloudEvent() {
        Map<String, List<String>> headers = binaryHeaders();
        headers.remove("ce-id");

        assertThatThrownBy(() -> CloudEventHttpReader.read(headers, DATA))
                .isInstanceOf(NotACloudEventException.class)
                .hasMessageContaining("no id");
    }

    @Test
    void unknownSpecVersionIsNamed() {
        Map<String, List<String>> headers = binaryHeaders();
        headers.put("ce-specversion", List.of("2.0"));

        assertThatThrownBy(() -> CloudEventHttpReader.read(headers, DATA))
                .isInstanceOf(NotACloudEventException.class)
                .hasMessageContaining("'2.0'");
    }

    @Test
    void plainJsonPostIsNotACloudEvent() {
        assertThatThrownBy(() -> CloudEventHttpReader.read(Map.of("Content-Type", List.of("application/json")), DATA))
                .isInstanceOf(NotACloudEventException.class)
                .hasMessageContaining("no ce-specversion header");
    }

    @Test
    void batchIsRefused() {
        assertThatThrownBy(() -> CloudEventHttpReader.read(
                        Map.of("Content-Type", List.of("application/cloudevents-batch+json")),
                        "[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(NotACloudEventException.class)
                .hasMessageContaining("batched");
    }

    private static Map<String, List<String>> binaryHeaders() {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("ce-id", List.of("1234"));
        headers.put("ce-source", List.of("//pubsub.googleapis.com/projects/p/topics/t"));
        headers.put("ce-type", List.of("google.cloud.pubsub.topic.v1.messagePublished"));
        headers.put("ce-specversion", List.of("1.0"));
        headers.put("Content-Type", List.of("application/json"));
        return headers;
    }
}
