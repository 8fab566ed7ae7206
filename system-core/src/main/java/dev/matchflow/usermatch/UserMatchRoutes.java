package dev.matchflow.usermatch;

import dev.matchflow.http.Requests;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.UUID;

/** The User-Match HTTP API, as DESIGN.md's table lists it. */
final class UserMatchRoutes {

    /** The body of {@code POST /users/{user_id}/pool}. */
    record NewMembership(String poolId) {}

    private UserMatchRoutes() {}

    static void register(Javalin app, UserMatchService userMatch) {
        app.post("/users/{user_id}/pool", ctx -> join(ctx, userMatch));
        app.get("/users/{user_id}/pool", ctx -> ctx.json(userMatch.membership(userId(ctx))));
        app.delete("/users/{user_id}/pool", ctx -> ctx.json(userMatch.leave(userId(ctx))));
    }

    private static void join(Context ctx, UserMatchService userMatch) {
        UUID userId = userId(ctx);
        NewMembership request = Requests.body(ctx, NewMembership.class);
        UUID poolId = Requests.uuid("pool_id", Requests.required(request.poolId(), "pool_id"));

        ctx.status(201).json(userMatch.join(userId, poolId));
    }

    private static UUID userId(Context ctx) {
        return Requests.pathUuid(ctx, "user_id");
    }
}
