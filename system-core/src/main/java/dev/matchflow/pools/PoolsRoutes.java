package dev.matchflow.pools;

import dev.matchflow.http.Requests;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.UUID;

/** The Pools HTTP API, as DESIGN.md's table lists it. */
final class PoolsRoutes {

    /** The body of {@code POST /pools}. */
    record NewPool(String name, Integer capacity) {}

    /** The body of {@code POST /pools/{pool_id}/members}. */
    record NewMember(String userId) {}

    private PoolsRoutes() {}

    static void register(Javalin app, PoolsService pools) {
        app.post("/pools", ctx -> create(ctx, pools));
        app.get("/pools", ctx -> ctx.json(pools.pools()));
        app.get("/pools/{pool_id}", ctx -> ctx.json(pools.pool(poolId(ctx))));
        app.delete("/pools/{pool_id}", ctx -> {
            pools.delete(poolId(ctx));
            ctx.status(204);
        });
        app.post("/pools/{pool_id}/members", ctx -> join(ctx, pools));
        app.get("/pools/{pool_id}/members", ctx -> ctx.json(pools.members(poolId(ctx))));
        app.get("/pools/members/{user_id}", ctx -> ctx.json(pools.membership(userId(ctx))));
        app.delete("/pools/members/{user_id}", ctx -> ctx.json(pools.leave(userId(ctx))));
    }

    private static void create(Context ctx, PoolsService pools) {
        NewPool request = Requests.body(ctx, NewPool.class);

        ctx.status(201).json(pools.create(request.name(), request.capacity()));
    }

    private static void join(Context ctx, PoolsService pools) {
        UUID poolId = poolId(ctx);
        NewMember request = Requests.body(ctx, NewMember.class);
        UUID userId = Requests.uuid("user_id", Requests.required(request.userId(), "user_id"));

        ctx.status(201).json(pools.join(poolId, userId));
    }

    private static UUID poolId(Context ctx) {
        return Requests.pathUuid(ctx, "pool_id");
    }

    private static UUID userId(Context ctx) {
        return Requests.pathUuid(ctx, "user_id");
    }
}
