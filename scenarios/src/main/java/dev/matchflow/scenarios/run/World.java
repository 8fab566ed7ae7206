package dev.matchflow.scenarios.run;

import dev.matchflow.matches.MatchStatus;
import dev.matchflow.scenarios.churn.MatchHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The runner's picture of a scenario's world: the ids behind the file's names, and what its own requests did
 * (who joined and left which pool, which matches it made and how they were decided). It is what the runner asked
 * for and was told, not the stack's state, which only the final snapshot shows. Safe for many threads.
 *
 * <p>User ids derive from the seed and the name, so the same file with the same seed uses the same ids.
 */
final class World {

    private final long seed;
    private final Map<String, UUID> users = new HashMap<>();
    private final Map<String, Integer> declarationOrder = new HashMap<>();
    private final Map<UUID, String> userNames = new HashMap<>();
    private final Map<String, UUID> pools = new ConcurrentHashMap<>();
    private final Set<String> deletedPools = ConcurrentHashMap.newKeySet();
    private final Map<String, Optional<Integer>> capacities = new ConcurrentHashMap<>();
    private final Map<String, String> poolOfUser = new ConcurrentHashMap<>();
    private final Map<String, String> lastLeftPool = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastLeftAt = new ConcurrentHashMap<>();
    private final Map<String, MatchHandle> namedMatches = new ConcurrentHashMap<>();
    private final List<MatchHandle> matches = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<MatchHandle>> matchesOfUser = new ConcurrentHashMap<>();

    World(long seed, List<String> userNames) {
        this.seed = seed;
        for (String name : userNames) {
            UUID id = UUID.nameUUIDFromBytes(
                    ("matchflow-scenario/" + seed + "/" + name).getBytes(StandardCharsets.UTF_8));
            users.put(name, id);
            this.userNames.put(id, name);
            declarationOrder.put(name, declarationOrder.size());
        }
    }

    long seed() {
        return seed;
    }

    UUID userId(String name) {
        return users.get(name);
    }

    Optional<String> userName(UUID id) {
        return Optional.ofNullable(userNames.get(id));
    }

    void poolCreated(String name, UUID id, Optional<Integer> capacity) {
        pools.put(name, id);
        capacities.put(name, capacity);
    }

    /** The pool's id, while it exists as far as the runner knows. */
    Optional<UUID> poolId(String name) {
        return deletedPools.contains(name) ? Optional.empty() : Optional.ofNullable(pools.get(name));
    }

    /** The pool's id, if it was ever created, deleted or not. */
    Optional<UUID> anyPoolId(String name) {
        return Optional.ofNullable(pools.get(name));
    }

    Optional<String> poolName(UUID id) {
        return pools.entrySet().stream()
                .filter(pool -> pool.getValue().equals(id))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    Optional<Integer> capacity(String pool) {
        return capacities.getOrDefault(pool, Optional.empty());
    }

    void joined(String user, String pool) {
        poolOfUser.put(user, pool);
    }

    /** The user left; their non-accepted matches in the pool are as good as gone. */
    void left(String user, String pool, Instant leftAt) {
        poolOfUser.remove(user, pool);
        lastLeftPool.put(user, pool);
        lastLeftAt.put(user, leftAt);
        for (MatchHandle match : matchesOfUser.getOrDefault(user, List.of())) {
            if (match.pool().equals(pool) && match.status() != MatchStatus.ACCEPTED) {
                match.gone();
            }
        }
    }

    /** The pool is gone with its members and every match in it. */
    void poolDeleted(String pool) {
        deletedPools.add(pool);
        poolOfUser.values().removeIf(pool::equals);
        matches().stream().filter(match -> match.pool().equals(pool)).forEach(MatchHandle::gone);
    }

    Optional<String> poolOf(String user) {
        return Optional.ofNullable(poolOfUser.get(user));
    }

    Optional<String> lastLeftPool(String user) {
        return Optional.ofNullable(lastLeftPool.get(user));
    }

    Optional<Instant> lastLeftAt(String user) {
        return Optional.ofNullable(lastLeftAt.get(user));
    }

    /** The pool's members as far as the runner knows, in the order the file declares them. */
    List<String> membersOf(String pool) {
        List<String> members = new ArrayList<>();
        poolOfUser.forEach((user, itsPool) -> {
            if (itsPool.equals(pool)) {
                members.add(user);
            }
        });
        members.sort(Comparator.comparingInt(declarationOrder::get));
        return members;
    }

    /** Users in a pool, by pool, for many pools at once. */
    Map<String, String> memberships() {
        return Collections.unmodifiableMap(new HashMap<>(poolOfUser));
    }

    MatchHandle newMatch(Optional<String> name, String pool, String userA, String userB) {
        MatchHandle match = new MatchHandle(name, pool, userA, userB);
        name.ifPresent(named -> namedMatches.put(named, match));
        matches.add(match);
        matchesOfUser
                .computeIfAbsent(userA, user -> new CopyOnWriteArrayList<>())
                .add(match);
        matchesOfUser
                .computeIfAbsent(userB, user -> new CopyOnWriteArrayList<>())
                .add(match);
        return match;
    }

    Optional<MatchHandle> match(String name) {
        return Optional.ofNullable(namedMatches.get(name));
    }

    /** Every match the runner asked for, in the order it asked. */
    List<MatchHandle> matches() {
        synchronized (matches) {
            return List.copyOf(matches);
        }
    }
}
