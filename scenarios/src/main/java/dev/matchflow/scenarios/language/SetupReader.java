package dev.matchflow.scenarios.language;

import dev.matchflow.scenarios.language.Declarations.Kind;
import dev.matchflow.scenarios.language.Setup.MemberSpec;
import dev.matchflow.scenarios.language.Setup.PoolSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a scenario's {@code setup}: pools, users, members and matches, in that order. */
final class SetupReader {

    private static final List<String> KEYS = List.of("pools", "users", "members", "matches");
    private static final int MOST_IN_A_GROUP = 1_000_000;

    private final Declarations names;
    private final Problems problems;
    private final Map<String, Integer> memberSince = new HashMap<>();

    SetupReader(Declarations names, Problems problems) {
        this.names = names;
        this.problems = problems;
    }

    Setup read(Optional<YamlValue> value) {
        if (value.isEmpty()) {
            return new Setup(List.of(), List.of(), List.of(), List.of());
        }
        YamlMap setup = value.get().map("the set-up");
        setup.allowOnly("setup", KEYS);
        List<PoolSpec> pools = new ArrayList<>();
        setup.get("pools").ifPresent(list -> eachOf(list, "the pools", item -> pools.addAll(pools(item))));
        setup.get("users").ifPresent(list -> eachOf(list, "the users", this::users));
        List<MemberSpec> members = new ArrayList<>();
        setup.get("members").ifPresent(map -> problems.attempt(() -> members.addAll(members(map))));
        List<MatchSpec> matches = new ArrayList<>();
        MatchReader matchReader = new MatchReader(names);
        setup.get("matches")
                .ifPresent(list -> eachOf(list, "the matches", item -> matches.add(matchReader.read(item))));
        return new Setup(pools, names.all(Kind.USER), members, matches);
    }

    private void eachOf(YamlValue list, String what, java.util.function.Consumer<YamlValue> reader) {
        problems.attempt(() -> list.list(what).forEach(item -> problems.attempt(() -> reader.accept(item))));
    }

    /** {@code evening}, {@code {name: lobby, capacity: 50}} or {@code {name: storm, count: 20}}. */
    private List<PoolSpec> pools(YamlValue item) {
        if (item.isScalar()) {
            names.declare(Kind.POOL, item.text("a pool name"), item);
            return List.of(new PoolSpec(item.text("a pool name"), Optional.empty()));
        }
        YamlMap pool = item.map("a pool").allowOnly("a pool", List.of("name", "capacity", "count"));
        Optional<Integer> capacity =
                pool.get("capacity").map(value -> (int) value.wholeNumber("the capacity", 1, Integer.MAX_VALUE));
        List<PoolSpec> specs = new ArrayList<>();
        for (String name : group(pool, "a pool")) {
            names.declare(Kind.POOL, name, item);
            specs.add(new PoolSpec(name, capacity));
        }
        return specs;
    }

    /** {@code alice} or {@code {name: player, count: 10000}}. */
    private void users(YamlValue item) {
        if (item.isScalar()) {
            names.declare(Kind.USER, item.text("a user name"), item);
            return;
        }
        YamlMap user = item.map("a user").allowOnly("a user", List.of("name", "count"));
        group(user, "a user").forEach(name -> names.declare(Kind.USER, name, item));
    }

    /** One name, or {@code name-1} .. {@code name-N} with a {@code count}. */
    private static List<String> group(YamlMap entry, String what) {
        String name = entry.require("name", what).text("a name");
        if (!entry.has("count")) {
            return List.of(name);
        }
        long count = entry.get("count").orElseThrow().wholeNumber("the count", 1, MOST_IN_A_GROUP);
        List<String> names = new ArrayList<>();
        for (long index = 1; index <= count; index++) {
            names.add(name + "-" + index);
        }
        return names;
    }

    /** {@code pool-or-pattern: users-or-pattern}, users dealt out over the pools in turn. */
    private List<MemberSpec> members(YamlValue value) {
        List<MemberSpec> members = new ArrayList<>();
        YamlMap byPool = value.map("the members (pool: users)");
        for (Map.Entry<String, YamlValue> entry : byPool.entries()) {
            YamlValue usersValue = entry.getValue();
            problems.attempt(() -> {
                List<String> pools = names.many(Kind.POOL, byPool.key(entry.getKey()));
                List<String> users = declaredMembers(usersValue);
                members.add(new MemberSpec(pools, users, usersValue.line()));
            });
        }
        return members;
    }

    /** Members may be named here for the first time; each can be in one pool only. */
    private List<String> declaredMembers(YamlValue usersValue) {
        for (YamlValue user : usersValue.listOrOne("the members")) {
            String name = user.text("a user name or pattern");
            if (!Names.isPattern(name)) {
                names.declare(Kind.USER, name, user);
            }
        }
        List<String> users = names.many(Kind.USER, usersValue);
        for (String user : users) {
            Integer earlier = memberSince.putIfAbsent(user, usersValue.line());
            if (earlier != null) {
                throw usersValue.bad("user " + user + " is already a member of a pool (line " + earlier
                        + "); a user is in at most one pool");
            }
        }
        return users;
    }
}
