package dev.matchflow.cleanup;

import dev.matchflow.security.InternalAuth;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the cleanup function finds Matches and how it authenticates and waits.
 *
 * <p>{@link #fromEnvironment()} reads {@value #MATCHES_SERVICE_URL}, the token settings and, optionally, {@value
 * #MATCHES_TIMEOUT_MS}. The token is the shared secret in {@value #INTERNAL_TOKEN} unless {@code INTERNAL_AUTH} is
 * {@code google}: then it is a Google-signed ID token for the Matches URL from the metadata server, found at
 * {@value #GCE_METADATA_HOST} ({@value MetadataIdTokenSource#GOOGLE_METADATA_HOST} by default). Each setting is
 * looked up as an environment variable first and then as a Java system property of the same name: the Functions
 * Framework constructs the function with its no-arg constructor, and a JVM cannot change its own environment, so
 * tests and embedded runs set system properties instead.
 *
 * @param matchesServiceUrl the base URL of Matches, e.g. {@code http://127.0.0.1:8082}
 * @param tokenSource the bearer token for the internal endpoint
 * @param connectTimeout how long to wait for a connection to Matches
 * @param requestTimeout how long to wait for Matches' answer once the request is sent
 */
public record CleanupSettings(
        URI matchesServiceUrl, TokenSource tokenSource, Duration connectTimeout, Duration requestTimeout) {

    public static final String MATCHES_SERVICE_URL = "MATCHES_SERVICE_URL";
    public static final String INTERNAL_TOKEN = "INTERNAL_TOKEN";
    public static final String MATCHES_TIMEOUT_MS = "MATCHES_TIMEOUT_MS";
    public static final String GCE_METADATA_HOST = "GCE_METADATA_HOST";

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public CleanupSettings {
        Objects.requireNonNull(matchesServiceUrl, "matchesServiceUrl");
        Objects.requireNonNull(tokenSource, "tokenSource");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        checkHttpUrl(matchesServiceUrl);
    }

    /** Settings with the default timeouts. */
    public CleanupSettings(URI matchesServiceUrl, TokenSource tokenSource) {
        this(matchesServiceUrl, tokenSource, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * Settings from the environment, with system properties as fallback.
     *
     * @throws IllegalStateException when a required setting is missing or malformed, naming it
     */
    public static CleanupSettings fromEnvironment() {
        return from(name -> {
            String value = System.getenv(name);
            return value != null ? value : System.getProperty(name);
        });
    }

    /** Settings read through {@code lookup}, which answers null for a name that is not set. */
    static CleanupSettings from(UnaryOperator<String> lookup) {
        URI url = url(required(lookup, MATCHES_SERVICE_URL, "the base URL of Matches, e.g. http://127.0.0.1:8082"));
        TokenSource token = tokenSource(lookup, url);
        Duration requestTimeout = requestTimeout(lookup.apply(MATCHES_TIMEOUT_MS));
        Duration connectTimeout =
                requestTimeout.compareTo(DEFAULT_CONNECT_TIMEOUT) < 0 ? requestTimeout : DEFAULT_CONNECT_TIMEOUT;

        return new CleanupSettings(url, token, connectTimeout, requestTimeout);
    }

    private static TokenSource tokenSource(UnaryOperator<String> lookup, URI matchesUrl) {
        return switch (InternalAuth.parse(lookup.apply(InternalAuth.VARIABLE))) {
            case SHARED_TOKEN ->
                new SharedSecretTokenSource(
                        required(lookup, INTERNAL_TOKEN, "the shared secret Matches checks on its internal endpoints"));
            case GOOGLE ->
                new MetadataIdTokenSource(
                        Objects.requireNonNullElse(
                                lookup.apply(GCE_METADATA_HOST), MetadataIdTokenSource.GOOGLE_METADATA_HOST),
                        withoutTrailingSlash(matchesUrl),
                        Clock.systemUTC());
        };
    }

    /**
     * The Matches URL without a trailing slash: what paths are appended to, and the audience of the ID tokens for
     * Matches, which Matches expects in the same form.
     */
    public String baseUrl() {
        return withoutTrailingSlash(matchesServiceUrl);
    }

    private static String withoutTrailingSlash(URI url) {
        return url.toString().replaceAll("/+$", "");
    }

    private static String required(UnaryOperator<String> lookup, String name, String meaning) {
        String value = lookup.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    name + " is not set; set it (environment variable or system property) to " + meaning);
        }
        return value.strip();
    }

    private static URI url(String text) {
        try {
            URI url = new URI(text);
            checkHttpUrl(url);
            return url;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    MATCHES_SERVICE_URL + " '" + text + "' is not an absolute http(s) URL; e.g. http://127.0.0.1:8082",
                    e);
        }
    }

    private static Duration requestTimeout(String millis) {
        if (millis == null || millis.isBlank()) {
            return DEFAULT_REQUEST_TIMEOUT;
        }
        long value;
        try {
            value = Long.parseLong(millis.strip());
        } catch (NumberFormatException e) {
            throw invalidTimeout(millis, e);
        }
        if (value <= 0) {
            throw invalidTimeout(millis, null);
        }
        return Duration.ofMillis(value);
    }

    private static IllegalStateException invalidTimeout(String millis, Exception cause) {
        return new IllegalStateException(
                MATCHES_TIMEOUT_MS + " '" + millis + "' is not a positive number of milliseconds; e.g. 10000", cause);
    }

    private static void checkHttpUrl(URI url) {
        String scheme = url.getScheme();
        if (!url.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme)) || url.getHost() == null) {
            throw new IllegalArgumentException(
                    "Matches URL '" + url + "' is not an absolute http(s) URL; e.g. http://127.0.0.1:8082");
        }
    }
}
