package dev.matchflow.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google-signed ID tokens for one audience, from the metadata server of the runtime the function runs on (Cloud
 * Functions, Cloud Run, Compute Engine), which signs them for the runtime's service account. A token is kept until
 * {@link #REFRESH_BEFORE_EXPIRY} before it expires, so one fetch serves the calls of most of an hour.
 */
public final class MetadataIdTokenSource implements TokenSource {

    /** The metadata server every Google Cloud runtime reaches under this name. */
    public static final String GOOGLE_METADATA_HOST = "metadata.google.internal";

    /** How long before its expiry a token is replaced, so that no call carries a token that expires in flight. */
    public static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(MetadataIdTokenSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String IDENTITY_PATH = "/computeMetadata/v1/instance/service-accounts/default/identity";

    private final String metadataHost;
    private final String audience;
    private final URI identityUri;
    private final Clock clock;
    private final HttpClient http;
    private IdToken current;

    /**
     * @param metadataHost host, or host:port, of the metadata server; {@link #GOOGLE_METADATA_HOST} on Google Cloud
     * @param audience the URL of the service the tokens are for
     */
    public MetadataIdTokenSource(String metadataHost, String audience, Clock clock) {
        this.metadataHost = metadataHost;
        this.audience = audience;
        this.identityUri = URI.create("http://" + metadataHost + IDENTITY_PATH + "?audience="
                + URLEncoder.encode(audience, StandardCharsets.UTF_8));
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    @Override
    public synchronized String token() throws TokenUnavailableException {
        if (current == null || !clock.instant().isBefore(current.refreshAt())) {
            current = fetch();
            LOG.info(
                    "fetched an ID token for {} from the metadata server, expiring at {}",
                    audience,
                    current.expiresAt());
        }
        return current.value();
    }

    private IdToken fetch() throws TokenUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(identityUri)
                .GET()
                .timeout(TIMEOUT)
                .header("Metadata-Flavor", "Google")
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new TokenUnavailableException(
                    "the metadata server at " + metadataHost + " answered " + response.statusCode()
                            + " to the request for an ID token for " + audience + ": " + abbreviate(response.body()),
                    null);
        }
        String token = response.body().strip();
        return new IdToken(token, expiry(token));
    }

    private HttpResponse<String> send(HttpRequest request) throws TokenUnavailableException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TokenUnavailableException(
                    "the metadata server at " + metadataHost + " gave no ID token for " + audience + " ("
                            + e.getClass().getSimpleName() + "); outside Google Cloud point GCE_METADATA_HOST at one,"
                            + " or leave INTERNAL_AUTH unset to use the shared token",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted while fetching an ID token for " + audience, e);
        }
    }

    private Instant expiry(String token) throws TokenUnavailableException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw notAToken(null);
        }
        JsonNode expiry;
        try {
            expiry = JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("exp");
        } catch (IOException | IllegalArgumentException e) {
            throw notAToken(e);
        }
        if (!expiry.canConvertToLong()) {
            throw notAToken(null);
        }
        return Instant.ofEpochSecond(expiry.longValue());
    }

    private TokenUnavailableException notAToken(Exception cause) {
        return new TokenUnavailableException(
                "the metadata server at " + metadataHost + " answered with something that is not an ID token with an"
                        + " expiry time (exp)",
                cause);
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    private record IdToken(String value, Instant expiresAt) {

        Instant refreshAt() {
            return expiresAt.minus(REFRESH_BEFORE_EXPIRY);
        }
    }
}
