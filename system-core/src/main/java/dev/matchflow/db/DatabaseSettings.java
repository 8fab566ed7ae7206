package dev.matchflow.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Where the database is and who connects to it.
 *
 * <p>Accepts JDBC URLs ({@code jdbc:h2:}, {@code jdbc:mariadb:}, {@code jdbc:mysql:}) and the
 * {@code mysql://user:password@host:port/db} form that deployments of the original system use. User
 * and password come from the settings when given, otherwise from the URL's user info.
 *
 * @param jdbcUrl the JDBC URL, without user info
 * @param user the user, empty when the URL's own parameters or the driver decide
 * @param password the password, empty when there is none
 * @param ephemeral true for a private in-memory database that is shut down when it is closed
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, boolean ephemeral) {

    private static final String H2_OPTIONS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        user = Objects.requireNonNullElse(user, "");
        password = Objects.requireNonNullElse(password, "");
    }

    /** A fresh private in-memory H2 database in MySQL mode; it disappears when the {@link Database} closes. */
    public static DatabaseSettings inMemory() {
        String name = "matchflow-" + UUID.randomUUID().toString().substring(0, 8);
        return new DatabaseSettings("jdbc:h2:mem:" + name + H2_OPTIONS, "", "", true);
    }

    /**
     * Reads {@code DATABASE_URL}, {@code DATABASE_USER} and {@code DATABASE_PASSWORD}; without a URL, a
     * fresh in-memory database.
     */
    public static DatabaseSettings fromEnvironment(Map<String, String> environment) {
        String url = environment.getOrDefault("DATABASE_URL", "").trim();
        if (url.isEmpty()) {
            return inMemory();
        }
        return of(url, environment.get("DATABASE_USER"), environment.get("DATABASE_PASSWORD"));
    }

    /** Settings for a URL; a non-empty user or password given here wins over the URL's user info. */
    public static DatabaseSettings of(String url, String user, String password) {
        String jdbcUrl = url.startsWith("jdbc:") ? url : "jdbc:" + url;
        URI uri = userInfoUri(jdbcUrl);
        if (uri == null || uri.getRawUserInfo() == null) {
            return new DatabaseSettings(jdbcUrl, user, password, false);
        }
        String[] userInfo = uri.getRawUserInfo().split(":", 2);
        String urlUser = decode(userInfo[0]);
        String urlPassword = userInfo.length > 1 ? decode(userInfo[1]) : "";
        String withoutUserInfo = jdbcUrl.replace(uri.getRawUserInfo() + "@", "");
        return new DatabaseSettings(withoutUserInfo, orElse(user, urlUser), orElse(password, urlPassword), false);
    }

    /** True for H2 URLs. */
    public boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** The URL with any password parameter masked, for logs. */
    public String describe() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***") + (user.isEmpty() ? "" : " as " + user);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + "]";
    }

    private static URI userInfoUri(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:mysql://") && !jdbcUrl.startsWith("jdbc:mariadb://")) {
            return null;
        }
        try {
            return URI.create(jdbcUrl.substring("jdbc:".length()));
        } catch (IllegalArgumentException notAPlainUri) {
            return null;
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static String orElse(String preferred, String fallback) {
        return preferred == null || preferred.isEmpty() ? fallback : preferred;
    }
}
