package dev.matchflow.pubsub.embedded.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.matchflow.pubsub.embedded.rest.RestClient.Reply;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The gateway in front of Google's emulator answers a session of REST requests exactly as the emulator's own REST
 * form does: same HTTP status, same JSON once the values that differ by nature (project, message ids, publish times,
 * ack ids) are set aside. Both sides use the same emulator, each in its own project.
 *
 * <p>Where the emulator's REST form is known to differ from Google's API, the gateway follows the API and the
 * difference is left out of this session: the emulator says only "Payload isn't valid for request." for malformed
 * JSON or an unknown field, ignores unknown query parameters, answers a plain-text "Not Found" for unknown paths, and
 * never answers a {@code pageSize} that is not a number.
 */
class RestFormMatchesGoogleEmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VARYING_FIELDS = Set.of("messageId", "publishTime", "ackId");

    private static EmulatorBehindSharedPort pubsub;

    @BeforeAll
    static void startEmulatorBehindTheSharedPort() {
        pubsub = EmulatorBehindSharedPort.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (pubsub != null) {
            pubsub.close();
        }
    }

    record Step(String method, String path, String body) {

        Step(String method, String path) {
            this(method, path, null);
        }

        Reply sendTo(RestClient rest, String project) {
            String projectBody = body == null ? null : body.replace("{p}", project);
            return rest.send(method, "/v1/" + path.replace("{p}", project), projectBody);
        }
    }

    @TestFactory
    Stream<DynamicTest> aSessionOfRequestsIsAnsweredAsTheEmulatorsOwnRestFormAnswersIt() {
        RestClient gateway = new RestClient(pubsub.port());
        RestClient emulatorsOwn = new RestClient(pubsub.emulatorPort());

        return session().stream()
                .map(step -> DynamicTest.dynamicTest(step.method() + " " + step.path(), () -> {
                    Reply viaGateway = step.sendTo(gateway, "via-gateway");
                    Reply viaEmulator = step.sendTo(emulatorsOwn, "via-emulator");

                    assertThat(viaGateway.status()).as(viaGateway.body()).isEqualTo(viaEmulator.status());
                    assertThat(comparable(viaGateway, "via-gateway"))
                            .isEqualTo(comparable(viaEmulator, "via-emulator"));
                }));
    }

    private static List<Step> session() {
        String topic = "projects/{p}/topics/session";
        String subscription = "projects/{p}/subscriptions/session";
        return List.of(
                new Step("PUT", topic, "{}"),
                new Step("PUT", topic, "{}"),
                new Step("GET", "projects/{p}/topics/missing"),
                new Step("PUT", subscription, "{\"topic\":\"" + topic + "\",\"ack_deadline_seconds\":30}"),
                new Step("PUT", "projects/{p}/subscriptions/orphan", "{\"topic\":\"projects/{p}/topics/missing\"}"),
                new Step("GET", subscription),
                new Step(
                        "PATCH",
                        subscription,
                        "{\"subscription\":{\"ackDeadlineSeconds\":45},\"updateMask\":\"ackDeadlineSeconds\"}"),
                new Step(
                        "POST",
                        topic + ":publish",
                        "{\"messages\":[{\"data\":\"aGVsbG8=\",\"attributes\":{\"k\":\"v\"}}]}"),
                new Step("POST", topic + ":publish", "{\"messages\":[{}]}"),
                new Step("POST", subscription + ":pull", "{\"maxMessages\":1}"),
                new Step("GET", topic + "/subscriptions"),
                new Step("GET", "projects/{p}/topics"),
                new Step("GET", "projects/{p}/subscriptions?pageSize=10"),
                new Step("POST", subscription + ":modifyPushConfig", "{\"pushConfig\":{}}"),
                new Step("POST", subscription + ":acknowledge", "{\"ackIds\":[\"not-an-ack-id\"]}"),
                new Step("DELETE", subscription),
                new Step("DELETE", topic),
                new Step("DELETE", topic));
    }

    /** The reply's JSON with the project replaced and the values that differ by nature blanked. */
    private static JsonNode comparable(Reply reply, String project) throws IOException {
        JsonNode json = JSON.readTree(reply.body().replace(project, "{p}"));
        blankVarying(json);
        return json;
    }

    private static void blankVarying(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (VARYING_FIELDS.contains(field.getKey())) {
                    field.setValue(TextNode.valueOf("varies"));
                } else if (field.getKey().equals("messageIds")) {
                    field.setValue(JSON.createArrayNode().add("varies"));
                } else {
                    blankVarying(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(RestFormMatchesGoogleEmulatorTest::blankVarying);
        }
    }
}
