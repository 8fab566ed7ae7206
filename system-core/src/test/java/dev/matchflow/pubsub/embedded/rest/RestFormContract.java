package dev.matchflow.pubsub.embedded.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.PushConfig;
import dev.matchflow.pubsub.PubSubClients;
import dev.matchflow.pubsub.embedded.rest.RestClient.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The REST form of the Pub/Sub API as clients use it, run against each server that offers it on a port. The server is
 * started once per class; each test works in its own project, so tests never see each other's topics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RestFormContract {

    private OnePortServer server;
    private RestClient rest;
    private String project;

    /** Starts the server under test, which serves the REST form and gRPC on one port. */
    abstract OnePortServer startServer();

    @BeforeAll
    void start() {
        server = startServer();
        rest = new RestClient(server.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void useAProjectOfItsOwn() {
        project = "rest-" + UUID.randomUUID().toString().substring(0, 8);
    }

    int port() {
        return server.port();
    }

    RestClient rest() {
        return rest;
    }

    String project() {
        return project;
    }

    String topic(String id) {
        return "projects/" + project + "/topics/" + id;
    }

    String subscription(String id) {
        return "projects/" + project + "/subscriptions/" + id;
    }

    @Test
    void creatingATopicAnswersTheTopicInJson() {
        Reply created = rest().put("/v1/" + topic("orders"), "{}");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("name").asText()).isEqualTo(topic("orders"));
    }

    @Test
    void creatingATopicTwiceAnswers409AlreadyExists() {
        rest().put("/v1/" + topic("twice"), "{}");

        Reply again = rest().put("/v1/" + topic("twice"), "{}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorStatus()).isEqualTo("ALREADY_EXISTS");
    }

    @Test
    void gettingAMissingTopicAnswers404InGooglesErrorForm() {
        Reply missing = rest().get("/v1/" + topic("missing"));

        assertThat(missing.status()).isEqualTo(404);
        JsonNode error = missing.json().path("error");
        assertThat(error.path("code").asInt()).isEqualTo(404);
        assertThat(error.path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(error.path("message").asText()).isNotBlank();
    }

    @Test
    void listingTopicsPagesWithPageSizeAndPageToken() {
        for (String id : List.of("page-a", "page-b", "page-c")) {
            rest().put("/v1/" + topic(id), "{}");
        }

        Reply first = rest().get("/v1/projects/" + project + "/topics?pageSize=2");
        String token = first.json().path("nextPageToken").asText();
        Reply second = rest().get("/v1/projects/" + project + "/topics?pageSize=2&pageToken=" + token);

        assertThat(names(first.json().path("topics"))).hasSize(2);
        assertThat(names(second.json().path("topics"))).hasSize(1);
        assertThat(concat(
                        names(first.json().path("topics")), names(second.json().path("topics"))))
                .containsExactlyInAnyOrder(topic("page-a"), topic("page-b"), topic("page-c"));
    }

    @Test
    void subscriptionFieldsAreAcceptedByProtoNameAndByJsonName() {
        rest().put("/v1/" + topic("names"), "{}");

        Reply byProtoName = rest().put(
                        "/v1/" + subscription("proto-name"),
                        "{\"topic\":\"" + topic("names") + "\",\"ack_deadline_seconds\":30}");
        Reply byJsonName = rest().put(
                        "/v1/" + subscription("json-name"),
                        "{\"topic\":\"" + topic("names") + "\",\"ackDeadlineSeconds\":40}");

        assertThat(byProtoName.json().path("ackDeadlineSeconds").asInt()).isEqualTo(30);
        assertThat(byJsonName.json().path("ackDeadlineSeconds").asInt()).isEqualTo(40);
    }

    @Test
    void patchingASubscriptionChangesTheFieldsOfItsUpdateMask() {
        createTopicAndSubscription("patched");

        Reply patched = rest().patch(
                        "/v1/" + subscription("patched"),
                        "{\"subscription\":{\"ackDeadlineSeconds\":45},\"updateMask\":\"ackDeadlineSeconds\"}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("ackDeadlineSeconds").asInt()).isEqualTo(45);
        assertThat(rest().get("/v1/" + subscription("patched"))
                        .json()
                        .path("ackDeadlineSeconds")
                        .asInt())
                .isEqualTo(45);
    }

    @Test
    void publishedMessagesArePulledWithTheirDataAndAttributes() {
        createTopicAndSubscription("pulled");

        Reply published = publish("pulled", "first", "{\"origin\":\"rest\"}");
        List<JsonNode> received = pullUntil("pulled", 1);

        assertThat(published.json().path("messageIds")).hasSize(1);
        JsonNode message = received.get(0).path("message");
        assertThat(message.path("messageId").asText())
                .isEqualTo(published.json().path("messageIds").get(0).asText());
        assertThat(decoded(message.path("data").asText())).isEqualTo("first");
        assertThat(message.path("attributes").path("origin").asText()).isEqualTo("rest");
        assertThat(message.path("publishTime").asText()).isNotBlank();
    }

    @Test
    void anAcknowledgedMessageIsNotDeliveredAgain() {
        createTopicAndSubscription("acked");
        publish("acked", "once", "{}");
        String ackId = pullUntil("acked", 1).get(0).path("ackId").asText();

        Reply acknowledged =
                rest().post("/v1/" + subscription("acked") + ":acknowledge", "{\"ackIds\":[\"" + ackId + "\"]}");
        nack("acked", ackId);
        publish("acked", "next", "{}");

        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.json().isEmpty()).isTrue();
        assertThat(decoded(pullUntil("acked", 1)
                        .get(0)
                        .path("message")
                        .path("data")
                        .asText()))
                .isEqualTo("next");
    }

    @Test
    void aZeroAckDeadlineHandsTheMessageBackForRedelivery() {
        createTopicAndSubscription("nacked");
        String messageId = publish("nacked", "again", "{}")
                .json()
                .path("messageIds")
                .get(0)
                .asText();
        String ackId = pullUntil("nacked", 1).get(0).path("ackId").asText();

        Reply nacked = nack("nacked", ackId);

        assertThat(nacked.status()).isEqualTo(200);
        assertThat(pullUntil("nacked", 1)
                        .get(0)
                        .path("message")
                        .path("messageId")
                        .asText())
                .isEqualTo(messageId);
    }

    @Test
    void listingATopicsSubscriptionsNamesThem() {
        createTopicAndSubscription("listed");

        Reply listed = rest().get("/v1/" + topic("listed") + "/subscriptions");

        assertThat(listed.json().path("subscriptions").get(0).asText()).isEqualTo(subscription("listed"));
    }

    @Test
    void modifyingThePushConfigAnswersAnEmptyObject() {
        createTopicAndSubscription("push");

        Reply modified = rest().post("/v1/" + subscription("push") + ":modifyPushConfig", "{\"pushConfig\":{}}");

        assertThat(modified.status()).isEqualTo(200);
        assertThat(modified.json().isEmpty()).isTrue();
    }

    @Test
    void deletedSubscriptionsAndTopicsAreGone() {
        createTopicAndSubscription("deleted");

        Reply subscriptionDeleted = rest().delete("/v1/" + subscription("deleted"));
        Reply topicDeleted = rest().delete("/v1/" + topic("deleted"));

        assertThat(subscriptionDeleted.status()).isEqualTo(200);
        assertThat(topicDeleted.status()).isEqualTo(200);
        assertThat(rest().get("/v1/" + subscription("deleted")).status()).isEqualTo(404);
        assertThat(rest().get("/v1/" + topic("deleted")).status()).isEqualTo(404);
    }

    @Test
    void aBodyFieldTheRequestDoesNotHaveIsRefusedWith400NamingIt() {
        Reply refused = rest().put("/v1/" + topic("unknown-field"), "{\"colour\":\"red\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorStatus()).isEqualTo("INVALID_ARGUMENT");
        assertThat(refused.errorMessage()).contains("colour");
    }

    @Test
    void malformedJsonIsRefusedWith400() {
        Reply refused = rest().put("/v1/" + topic("malformed"), "{\"name\":");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorMessage()).startsWith("Invalid JSON payload received");
    }

    @Test
    void aQueryParameterTheRequestDoesNotHaveIsRefusedWith400() {
        Reply refused = rest().get("/v1/projects/" + project + "/topics?colour=red");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorMessage()).contains("colour");
    }

    @Test
    void googlesSystemParametersAreAccepted() {
        Reply listed = rest().get("/v1/projects/" + project + "/topics?alt=json&prettyPrint=false&$.xgafv=2");

        assertThat(listed.status()).isEqualTo(200);
    }

    @Test
    void aPathNoMethodServesAnswers404() {
        Reply missing = rest().post("/v1/" + topic("verbs") + ":shout", "{}");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorStatus()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aBodyOverTenMegabytesIsRefusedWith413InGooglesErrorForm() {
        String data = "A".repeat(RequestSizeLimit.MAX_REQUEST_BYTES);

        Reply refused =
                rest().post("/v1/" + topic("large") + ":publish", "{\"messages\":[{\"data\":\"" + data + "\"}]}");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().path("error").path("code").asInt()).isEqualTo(413);
        assertThat(refused.errorMessage()).contains("10485760");
    }

    @Test
    void gcloudsCreatePublishAndPullRequestsWorkAsGcloudSendsThem() {
        String topic = topic("gcloud");
        String subscription = subscription("gcloud");

        Reply topicCreated = asGcloud("PUT", "/v1/" + topic + "?alt=json", "topics-create.json", topic, subscription);
        Reply subscriptionCreated =
                asGcloud("PUT", "/v1/" + subscription + "?alt=json", "subscriptions-create.json", topic, subscription);
        Reply published =
                asGcloud("POST", "/v1/" + topic + ":publish?alt=json", "topics-publish.json", topic, subscription);
        Reply pulled = asGcloud(
                "POST", "/v1/" + subscription + ":pull?alt=json", "subscriptions-pull.json", topic, subscription);
        JsonNode received = pulled.json().path("receivedMessages").get(0);
        Reply acknowledged = asGcloud(
                "POST",
                "/v1/" + subscription + ":acknowledge?alt=json",
                "subscriptions-acknowledge.json",
                topic,
                subscription,
                received.path("ackId").asText());

        assertThat(topicCreated.json().path("name").asText()).isEqualTo(topic);
        assertThat(subscriptionCreated.json().path("topic").asText()).isEqualTo(topic);
        assertThat(published.json().path("messageIds")).hasSize(1);
        assertThat(decoded(received.path("message").path("data").asText())).isEqualTo("hello world");
        assertThat(received.path("message").path("attributes").path("k2").asText())
                .isEqualTo("v2");
        assertThat(acknowledged.status()).isEqualTo(200);
    }

    @Test
    void theOfficialClientSpeaksGrpcOnTheSamePortAsTheRestForm() throws Exception {
        String large = "L".repeat(3 * 1024 * 1024);

        try (PubSubClients grpc = PubSubClients.forEmulator(project, "127.0.0.1:" + port())) {
            grpc.topicAdmin().createTopic(topic("shared"));
            grpc.subscriptionAdmin()
                    .createSubscription(subscription("shared"), topic("shared"), PushConfig.getDefaultInstance(), 10);
            grpc.publisher("shared").publish(message(large)).get(30, TimeUnit.SECONDS);

            List<JsonNode> pulledByRest = pullUntil("shared", 1);
            publish("shared", "from rest", "{}");
            PullResponse pulledByGrpc = grpc.subscriptionAdmin().pull(subscription("shared"), 1);

            assertThat(decoded(pulledByRest.get(0).path("message").path("data").asText()))
                    .isEqualTo(large);
            assertThat(pulledByGrpc
                            .getReceivedMessages(0)
                            .getMessage()
                            .getData()
                            .toStringUtf8())
                    .isEqualTo("from rest");
        }
    }

    /** Sends one of the request bodies {@code gcloud} sends, with its headers, filled in for this run. */
    Reply asGcloud(String method, String pathAndQuery, String bodyFile, String topic, String subscription) {
        return asGcloud(method, pathAndQuery, bodyFile, topic, subscription, "");
    }

    Reply asGcloud(
            String method, String pathAndQuery, String bodyFile, String topic, String subscription, String ackId) {
        String body = fixture("gcloud/" + bodyFile)
                .replace("{topic}", topic)
                .replace("{subscription}", subscription)
                .replace("{ackId}", ackId);
        return rest().sendAsGcloud(method, pathAndQuery, body);
    }

    void createTopicAndSubscription(String id) {
        assertThat(rest().put("/v1/" + topic(id), "{}").status()).isEqualTo(200);
        Reply created = rest().put("/v1/" + subscription(id), "{\"topic\":\"" + topic(id) + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
    }

    Reply publish(String topicId, String data, String attributesJson) {
        String message = "{\"data\":\"" + encoded(data) + "\",\"attributes\":" + attributesJson + "}";
        Reply published = rest().post("/v1/" + topic(topicId) + ":publish", "{\"messages\":[" + message + "]}");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return published;
    }

    /** Hands a message back: were it not acknowledged already, it would be the next one pulled. */
    Reply nack(String subscriptionId, String ackId) {
        return rest().post(
                        "/v1/" + subscription(subscriptionId) + ":modifyAckDeadline",
                        "{\"ackIds\":[\"" + ackId + "\"],\"ackDeadlineSeconds\":0}");
    }

    /** Pulls until {@code count} messages have arrived: a pull may answer with fewer than are waiting. */
    List<JsonNode> pullUntil(String subscriptionId, int count) {
        List<JsonNode> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Reply pulled = rest().post(
                            "/v1/" + subscription(subscriptionId) + ":pull",
                            "{\"maxMessages\":" + (count - received.size()) + ",\"returnImmediately\":true}");
            pulled.json().path("receivedMessages").forEach(received::add);
            return received.size() >= count;
        });
        return received;
    }

    private static String fixture(String name) {
        try (InputStream in = RestFormContract.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Test fixture " + name + " cannot be read", e);
        }
    }

    private static PubsubMessage message(String data) {
        return PubsubMessage.newBuilder().setData(ByteString.copyFromUtf8(data)).build();
    }

    static String encoded(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static List<String> names(JsonNode resources) {
        List<String> names = new ArrayList<>();
        resources.forEach(resource -> names.add(resource.path("name").asText()));
        return names;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
