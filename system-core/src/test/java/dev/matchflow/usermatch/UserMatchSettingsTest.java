package dev.matchflow.usermatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UserMatchSettingsTest {

    @Test
    void theEnvironmentGivesThePortPoolsAndThePublishingSwitch() {
        Map<String, String> environment =
                Map.of("PORT", "8083", "POOLS_SERVICE_URL", "http://pools:8081", "ENABLE_EVENT_PUBLISHING", "FALSE");

        UserMatchSettings settings = UserMatchSettings.fromEnvironment(environment);

        assertThat(settings.http().port()).isEqualTo(8083);
        assertThat(settings.poolsServiceUrl()).isEqualTo("http://pools:8081");
        assertThat(settings.publishingEnabled()).isFalse();
        assertThat(settings.publishWait()).isEqualTo(UserMatchSettings.DEFAULT_PUBLISH_WAIT);
    }

    @Test
    void publishingIsEnabledUnlessSwitchedOff() {

        UserMatchSettings settings =
                UserMatchSettings.fromEnvironment(Map.of("POOLS_SERVICE_URL", "http://pools:8081"));

        assertThat(settings.publishingEnabled()).isTrue();
    }

    @Test
    void aMissingPoolsUrlIsRefusedSayingWhatToSet() {

        assertThatThrownBy(() -> UserMatchSettings.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("POOLS_SERVICE_URL is not set; set it to the base URL of Pools");
    }

    @Test
    void aPublishingSwitchThatIsNeitherTrueNorFalseIsRefusedNamingTheValue() {
        Map<String, String> environment =
                Map.of("POOLS_SERVICE_URL", "http://pools:8081", "ENABLE_EVENT_PUBLISHING", "sometimes");

        assertThatThrownBy(() -> UserMatchSettings.fromEnvironment(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ENABLE_EVENT_PUBLISHING 'sometimes' is neither true nor false");
    }
}
