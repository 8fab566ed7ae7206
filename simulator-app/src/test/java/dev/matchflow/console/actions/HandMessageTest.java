package dev.matchflow.console.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.google.pubsub.v1.PubsubMessage;
import dev.matchflow.events.DecodedMessage;
import dev.matchflow.events.EventCodec;
import dev.matchflow.events.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HandMessageTest {

    @Test
    void attributesAreWrittenOneKeyValueALineAndBlankLinesAreSkipped() {
        PubsubMessage message = HandMessage.of("anything at all", "version = 1\n\nuser_id=abc\n");

        assertThat(message.getAttributesMap()).containsOnly(entry("version", "1"), entry("user_id", "abc"));
        assertThat(message.getData().toString(StandardCharsets.UTF_8)).isEqualTo("anything at all");
    }

    @Test
    void anAttributeLineWithoutAKeyIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> HandMessage.of("{}", "version=1\nno equals sign"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribute line 2 'no equals sign' is not key=value; write one attribute a line, for"
                        + " example version=1");
    }

    @Test
    void theValidExampleIsAnEventTheFunctionAccepts() {
        UUID pool = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        HandMessage.Example example = HandMessage.validEvent(pool, user);

        PubsubMessage message = HandMessage.of(example.body(), example.attributeLines());

        DecodedMessage decoded = EventCodec.decode(message.getData().toByteArray(), message.getAttributesMap(), "1");
        assertThat(decoded).isInstanceOfSatisfying(DecodedMessage.Accepted.class, accepted -> {
            assertThat(accepted.event().poolId()).isEqualTo(pool);
            assertThat(accepted.event().userId()).isEqualTo(user);
        });
    }

    @Test
    void theMalformedExampleIsRejectedForItsUserId() {
        HandMessage.Example example = HandMessage.malformedEvent(UUID.randomUUID());

        PubsubMessage message = HandMessage.of(example.body(), example.attributeLines());

        DecodedMessage decoded = EventCodec.decode(message.getData().toByteArray(), message.getAttributesMap(), "1");
        assertThat(decoded)
                .isInstanceOfSatisfying(
                        DecodedMessage.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_ID));
    }
}
