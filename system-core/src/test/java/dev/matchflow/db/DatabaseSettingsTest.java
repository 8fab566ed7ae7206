package dev.matchflow.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void withoutADatabaseUrlTheDatabaseIsAPrivateInMemoryH2InMysqlMode() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of());

        assertThat(settings.jdbcUrl()).startsWith("jdbc:h2:mem:matchflow-").contains(";MODE=MySQL;");
        assertThat(settings.ephemeral()).isTrue();
    }

    @Test
    void userAndPasswordAreTakenFromTheUrlOfTheOriginalDeployments() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(
                Map.of("DATABASE_URL", "mysql://matcher:s%40cret@db.internal:3306/matchflow"));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:mysql://db.internal:3306/matchflow");
        assertThat(settings.user()).isEqualTo("matcher");
        assertThat(settings.password()).isEqualTo("s@cret");
    }

    @Test
    void userAndPasswordVariablesWinOverTheUrl() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(
                "DATABASE_URL", "jdbc:mariadb://matcher:old@127.0.0.1:3306/matchflow",
                "DATABASE_USER", "operator",
                "DATABASE_PASSWORD", "new"));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/matchflow");
        assertThat(settings.user()).isEqualTo("operator");
        assertThat(settings.password()).isEqualTo("new");
    }

    @Test
    void theDescriptionForLogsHidesPasswords() {
        DatabaseSettings settings =
                DatabaseSettings.of("jdbc:mariadb://127.0.0.1:3306/matchflow?user=root&password=hunter2", null, null);

        assertThat(settings.describe()).doesNotContain("hunter2").contains("password=***");
        assertThat(settings.toString()).doesNotContain("hunter2");
    }
}
