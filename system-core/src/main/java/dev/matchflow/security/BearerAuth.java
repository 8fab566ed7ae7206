package dev.matchflow.security;

import dev.matchflow.http.ApiException;
import dev.matchflow.http.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Guards internal endpoints: {@code Authorization: Bearer <token>} missing or malformed answers 401
 * {@code unauthenticated}, a token the verifier refuses answers 403 {@code forbidden}.
 *
 * <pre>{@code
 * app.before("/matches/internal/*", BearerAuth.require(verifier));
 * }</pre>
 */
public final class BearerAuth {

    private static final String PREFIX = "Bearer ";

    private BearerAuth() {}

    /** A before-handler that lets a request through only with an accepted bearer token. */
    public static Handler require(InternalTokenVerifier verifier) {
        return ctx -> check(ctx, verifier);
    }

    private static void check(Context ctx, InternalTokenVerifier verifier) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new ApiException(
                    ErrorCode.UNAUTHENTICATED,
                    "this internal endpoint needs an 'Authorization: Bearer <token>' header");
        }
        String token = header.substring(PREFIX.length()).trim();
        if (!verifier.accepts(token)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "the bearer token is not accepted for this internal endpoint");
        }
    }
}
