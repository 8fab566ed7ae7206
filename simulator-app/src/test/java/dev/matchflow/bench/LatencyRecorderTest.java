package dev.matchflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void aRedeliveredMessageIsCountedOnce() {
        LatencyRecorder recorder = new LatencyRecorder(2);

        recorder.record("m-1", System.nanoTime());
        recorder.record("m-1", System.nanoTime());

        assertThat(recorder.received()).isEqualTo(1);
    }

    @Test
    void percentilesAreTakenFromTheLatenciesOfWhatArrived() {
        LatencyRecorder recorder = new LatencyRecorder(100);

        for (int i = 1; i <= 100; i++) {
            recorder.record("m-" + i, System.nanoTime() - i * 1_000_000L);
        }
        LatencyPercentiles percentiles = recorder.percentiles();

        assertThat(percentiles.medianMicros()).isBetween(50_000.0, 51_000.0 + 5_000);
        assertThat(percentiles.p99Micros()).isBetween(99_000.0, 99_000.0 + 5_000);
    }

    @Test
    void nothingReceivedHasNoPercentiles() {
        LatencyPercentiles percentiles = new LatencyRecorder(10).percentiles();

        assertThat(percentiles.medianMicros()).isNaN();
    }
}
