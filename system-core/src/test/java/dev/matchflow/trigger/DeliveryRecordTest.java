package dev.matchflow.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeliveryRecordTest {

    @Test
    void itKeepsTheLatestDeliveriesOldestFirstAndForgetsTheOldestBeyondItsCapacity() {
        DeliveryRecord record = new DeliveryRecord(2);

        record.delivered(delivery("1", 1, Delivery.Outcome.NACKED));
        record.delivered(delivery("1", 2, Delivery.Outcome.ACKED));
        record.delivered(delivery("2", 1, Delivery.Outcome.ACKED));

        assertThat(record.entries())
                .containsExactly(
                        new DeliveryRecord.Entry("1", 2, Delivery.Outcome.ACKED),
                        new DeliveryRecord.Entry("2", 1, Delivery.Outcome.ACKED));
    }

    @Test
    void anEntryStandsForItsDeliveryWithoutTheDetailsItDoesNotKeep() {
        DeliveryRecord.Entry entry = new DeliveryRecord.Entry("7", 5, Delivery.Outcome.NACKED);

        Delivery delivery = entry.toDelivery();

        assertThat(delivery.messageId()).isEqualTo("7");
        assertThat(delivery.attempt()).isEqualTo(5);
        assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.NACKED);
        assertThat(delivery.status()).isEmpty();
    }

    @Test
    void aRecordOfNothingIsRefused() {
        assertThatThrownBy(() -> new DeliveryRecord(0)).hasMessageContaining("capacity 0 must be at least 1");
    }

    private static Delivery delivery(String messageId, int attempt, Delivery.Outcome outcome) {
        return new Delivery(messageId, attempt, outcome, OptionalInt.of(200), Duration.ofMillis(3), Optional.empty());
    }
}
