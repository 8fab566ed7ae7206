package dev.matchflow.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogFormatLayoutTest {

    @Test
    void jsonIsChosenOnlyWhenLogFormatSaysSo() {
        assertThat(LogFormatLayout.isJson("json")).isTrue();
        assertThat(LogFormatLayout.isJson(" JSON ")).isTrue();
        assertThat(LogFormatLayout.isJson(null)).isFalse();
        assertThat(LogFormatLayout.isJson("text")).isFalse();
    }
}
