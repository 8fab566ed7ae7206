package dev.matchflow.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's side of ID tokens on a loopback port: the keys that sign them, published as a JSON Web Key Set, and
 * a metadata server whose identity endpoint mints tokens for one service account. Tokens are RS256 JWTs signed
 * by hand with {@link Signature}, as Google signs them.
 */
public final class FakeGoogle implements AutoCloseable {

    public static final String ISSUER = "https://accounts.google.com";

    private static final String KEY_ID = "fake-google-key";
    private static final String CERTS_PATH = "/oauth2/v3/certs";
    private static final String IDENTITY_PATH = "/computeMetadata/v1/instance/service-accounts/default/identity";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String serviceAccount;
    private final Clock clock;
    private final KeyPair keys = newKeyPair();
    private final HttpServer server;
    private final AtomicInteger identityRequests = new AtomicInteger();
    private volatile Duration tokenLifetime = Duration.ofHours(1);

    private FakeGoogle(String serviceAccount, Clock clock) throws IOException {
        this.serviceAccount = serviceAccount;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(CERTS_PATH, this::serveCertificates);
        server.createContext(IDENTITY_PATH, this::serveIdentity);
        server.start();
    }

    /** Starts the fake, whose metadata server answers for {@code serviceAccount}. */
    public static FakeGoogle start(String serviceAccount) {
        return start(serviceAccount, Clock.systemUTC());
    }

    /** Starts the fake, dating the tokens it mints by {@code clock}. */
    public static FakeGoogle start(String serviceAccount, Clock clock) {
        try {
            return new FakeGoogle(serviceAccount, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("the fake Google server did not start: " + e.getMessage(), e);
        }
    }

    /** Where the signing keys are published. */
    public URI certificatesUrl() {
        return URI.create("http://" + metadataHost() + CERTS_PATH);
    }

    /** The metadata server's host:port, as {@code GCE_METADATA_HOST} names it. */
    public String metadataHost() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many identity requests the metadata server answered. */
    public int identityRequests() {
        return identityRequests.get();
    }

    /** How long the tokens the metadata server mints from now on are valid. */
    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** The claims of a token the metadata server would mint for {@code audience}, valid for the token lifetime. */
    public Map<String, Object> claims(String audience) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("azp", "104060431295733469361");
        claims.put("email", serviceAccount);
        claims.put("email_verified", true);
        claims.put("exp", now.plus(tokenLifetime).getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("iss", ISSUER);
        claims.put("sub", "104060431295733469361");
        return claims;
    }

    /** A token with the given claims, signed with the published key. */
    public String idToken(Map<String, Object> claims) {
        return sign(claims, keys);
    }

    /** A token with the given claims, signed with a key that is not published, under the published key's id. */
    public String idTokenSignedByAnotherKey(Map<String, Object> claims) {
        return sign(claims, newKeyPair());
    }

    private void serveCertificates(HttpExchange exchange) throws IOException {
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        Map<String, Object> key = Map.of(
                "kty",
                "RSA",
                "alg",
                "RS256",
                "use",
                "sig",
                "kid",
                KEY_ID,
                "n",
                BASE64URL.encodeToString(unsigned(publicKey.getModulus().toByteArray())),
                "e",
                BASE64URL.encodeToString(publicKey.getPublicExponent().toByteArray()));
        answer(exchange, 200, JSON.writeValueAsString(Map.of("keys", List.of(key))));
    }

    private void serveIdentity(HttpExchange exchange) throws IOException {
        if (!"Google".equals(exchange.getRequestHeaders().getFirst("Metadata-Flavor"))) {
            answer(exchange, 403, "Missing Metadata-Flavor:Google header.");
            return;
        }
        String audience = audience(exchange.getRequestURI().getRawQuery());
        if (audience == null || audience.isEmpty()) {
            answer(exchange, 400, "non-empty audience parameter required");
            return;
        }
        identityRequests.incrementAndGet();
        answer(exchange, 200, idToken(claims(audience)));
    }

    private static String audience(String query) {
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("audience=")) {
                return URLDecoder.decode(parameter.substring("audience=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String sign(Map<String, Object> claims, KeyPair signer) {
        String header = encode(Map.of("alg", "RS256", "kid", KEY_ID, "typ", "JWT"));
        String signedPart = header + "." + encode(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signer.getPrivate());
            rsa.update(signedPart.getBytes(StandardCharsets.US_ASCII));
            return signedPart + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a test token failed: " + e.getMessage(), e);
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a test token part is not JSON: " + json, e);
        }
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA keys: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
