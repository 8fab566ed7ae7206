package dev.matchflow.pubsub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A push subscription's endpoint: a JDK HTTP server on a free loopback port that records every request and
 * answers with the status its policy picks for it.
 */
final class PushEndpoint implements AutoCloseable {

    /** One push request as it arrived. */
    record PushRequest(Instant receivedAt, Map<String, List<String>> headers, String body, int answeredWith) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final List<PushRequest> requests = new CopyOnWriteArrayList<>();
    private final Function<String, Integer> statusForBody;

    private PushEndpoint(Function<String, Integer> statusForBody) {
        this.statusForBody = statusForBody;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/push", this::handle);
        server.start();
    }

    /** An endpoint that answers every request with {@code status}. */
    static PushEndpoint answering(int status) {
        return new PushEndpoint(body -> status);
    }

    /** An endpoint whose answer to a request depends on its body and what was received before. */
    static PushEndpoint answeringBy(Function<String, Integer> statusForBody) {
        return new PushEndpoint(statusForBody);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/push";
    }

    List<PushRequest> requests() {
        return List.copyOf(requests);
    }

    List<PushRequest> requestsContaining(String text) {
        return requests.stream()
                .filter(request -> request.body().contains(text))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = statusForBody.apply(body);
        requests.add(new PushRequest(Instant.now(), Map.copyOf(exchange.getRequestHeaders()), body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
