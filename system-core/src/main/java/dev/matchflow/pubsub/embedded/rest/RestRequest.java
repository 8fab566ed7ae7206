package dev.matchflow.pubsub.embedded.rest;

import java.util.Objects;

/**
 * One HTTP request in the REST form of the Pub/Sub API, as it came off the wire.
 *
 * @param method the HTTP method, upper case ({@code PUT}, {@code GET}, ...)
 * @param uri the request target: raw (still percent-encoded) path and optional query, {@code /v1/...?alt=json}
 * @param body the request body as UTF-8 text; empty when the request has none
 */
public record RestRequest(String method, String uri, String body) {

    public RestRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
    }

    /** The path part of {@link #uri()}, still percent-encoded. */
    public String rawPath() {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** The query part of {@link #uri()} without its {@code '?'}; empty when there is none. */
    public String rawQuery() {
        int query = uri.indexOf('?');
        return query < 0 ? "" : uri.substring(query + 1);
    }
}
