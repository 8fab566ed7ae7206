package dev.matchflow.events;

import static dev.matchflow.events.EventFixtures.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import com.google.pubsub.v1.PubsubMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessagePublishedDataTest {

    @Test
    void eventarcEnvelopeIsReadWithItsMessageAndDeliveryAttempt() throws Exception {
        MessagePublishedData envelope = MessagePublishedData.fromJson(payload("message-published.json"));

        assertThat(envelope.message().getData().toByteArray())
                .isEqualTo(EventFixtures.compact(payload("pool-member-removed.json")));
        assertThat(envelope.message().getAttributesMap()).isEqualTo(EventFixtures.matchingAttributes());
        assertThat(envelope.message().getMessageId()).isEqualTo("1234567890123456");
        assertThat(Timestamps.toString(envelope.message().getPublishTime())).isEqualTo("2025-12-05T10:30:00.250Z");
        assertThat(envelope.message().getOrderingKey()).isEqualTo(EventFixtures.USER_ID.toString());
        assertThat(envelope.subscription()).isEqualTo("projects/matchflow-local/subscriptions/match-cleanup-handler");
        assertThat(envelope.deliveryAttempt()).isEqualTo(2);
    }

    @Test
    void protobufSpellingsAreReadToo() throws Exception {
        MessagePublishedData envelope = MessagePublishedData.fromJson(payload("message-published-snake-case.json"));

        assertThat(envelope.message().getMessageId()).isEqualTo("987654321");
        assertThat(Timestamps.toString(envelope.message().getPublishTime())).isEqualTo("2025-12-05T10:30:01Z");
        assertThat(envelope.deliveryAttempt()).isEqualTo(3);
    }

    @Test
    void whatTheTriggerWritesTheFunctionReadsUnchanged() throws Exception {
        PubsubMessage message = PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom("{\"a\":1}", StandardCharsets.UTF_8))
                .putAttributes("version", "1")
                .setMessageId("42")
                .setPublishTime(Timestamps.parse("2025-12-05T10:30:00.123456Z"))
                .setOrderingKey("user-1")
                .build();
        MessagePublishedData sent = new MessagePublishedData(message, "projects/p/subscriptions/s", 4);

        MessagePublishedData received = MessagePublishedData.fromJson(sent.toJson());

        assertThat(received).isEqualTo(sent);
    }

    @Test
    void unknownDeliveryAttemptIsLeftOutAndReadAsZero() throws Exception {
        MessagePublishedData sent = new MessagePublishedData(
                PubsubMessage.newBuilder().setMessageId("42").build(), "projects/p/subscriptions/s", 0);

        byte[] json = sent.toJson();

        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("deliveryAttempt");
        assertThat(MessagePublishedData.fromJson(json).deliveryAttempt()).isZero();
    }

    @Test
    void cloudEventSourceNamesTheTopic() {
        String source = MessagePublishedData.cloudEventSource("matchflow-local", "user_left_pool");

        assertThat(source).isEqualTo("//pubsub.googleapis.com/projects/matchflow-local/topics/user_left_pool");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "message-published-bad-base64.json",
                "message-published-no-message.json",
                "array-body.json",
                "plain-text.txt"
            })
    void dataThatIsNoPubSubEnvelopeIsInvalid(String fixture) {
        byte[] data = payload(fixture);

        assertThatThrownBy(() -> MessagePublishedData.fromJson(data)).isInstanceOf(InvalidEnvelopeException.class);
    }

    @Test
    void missingDataIsInvalid() {
        assertThatThrownBy(() -> MessagePublishedData.fromJson(null))
                .isInstanceOf(InvalidEnvelopeException.class)
                .hasMessageContaining("no data");
    }
}
