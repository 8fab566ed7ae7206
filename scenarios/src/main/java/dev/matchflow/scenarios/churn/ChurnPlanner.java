package dev.matchflow.scenarios.churn;

import dev.matchflow.scenarios.language.ChurnSpec;
import dev.matchflow.scenarios.language.ChurnSpec.Operation;
import dev.matchflow.scenarios.language.MatchSpec.Choice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws a churn's operations one after the other from its seed, on its own picture of who is where: each
 * operation is drawn as if every earlier one had done what it asked. The same seed and start draw the same
 * operations, however the stack answers them, so a churn is repeatable.
 *
 * <p>An operation is drawn by the mix's probabilities among the kinds that are possible at that moment (a leave
 * needs someone in a pool, a decision needs a waiting match); when none is possible the churn has nothing left
 * to do.
 */
public final class ChurnPlanner {

    /** Makes the handle of a new match, known to the rest of the run. */
    public interface MatchFactory {
        MatchHandle newMatch(String pool, String userA, String userB);
    }

    /**
     * What the churn starts from.
     *
     * @param poolOfUser the pool each user is in
     * @param lastLeftPool the pool each user who is in none last left
     * @param poolSizes how many members each pool has, the users of the churn or not
     * @param capacities each pool's capacity, where it has one
     * @param openMatches the waiting matches between users of the churn, in a fixed order
     */
    public record Start(
            Map<String, String> poolOfUser,
            Map<String, String> lastLeftPool,
            Map<String, Integer> poolSizes,
            Map<String, Integer> capacities,
            List<MatchHandle> openMatches) {}

    private final ChurnSpec spec;
    private final SplittableRandom random;
    private final MatchFactory matches;
    private final Map<String, String> poolOf = new HashMap<>();
    private final Map<String, String> lastLeft = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private final Map<String, Integer> capacities;
    private final PickSet<String> outOfPool = new PickSet<>();
    private final PickSet<String> inPool = new PickSet<>();
    private final PickSet<String> rejoinable = new PickSet<>();
    private final Map<String, PickSet<String>> members = new LinkedHashMap<>();
    private final PickSet<String> matchable = new PickSet<>();
    private final PickSet<MatchHandle> open = new PickSet<>();
    /** Kept in the order matches opened: closing them in that order keeps the draws repeatable. */
    private final Map<String, Set<MatchHandle>> openOf = new HashMap<>();

    private final Map<MatchHandle, Set<String>> accepted = new HashMap<>();
    private Optional<String> rejoiner = Optional.empty();

    public ChurnPlanner(ChurnSpec spec, long seed, Start start, MatchFactory matches) {
        this.spec = spec;
        this.random = new SplittableRandom(seed);
        this.matches = matches;
        this.capacities = Map.copyOf(start.capacities());
        spec.pools().forEach(pool -> members.put(pool, new PickSet<>()));
        spec.pools().forEach(pool -> sizes.put(pool, start.poolSizes().getOrDefault(pool, 0)));
        for (String user : spec.users()) {
            String pool = start.poolOfUser().get(user);
            if (pool != null && members.containsKey(pool)) {
                joined(user, pool);
                sizes.merge(pool, -1, Integer::sum);
            } else if (pool == null) {
                outOfPool.add(user);
                Optional.ofNullable(start.lastLeftPool().get(user)).ifPresent(left -> leftBefore(user, left));
            }
        }
        start.openMatches().stream()
                .filter(match -> members.containsKey(match.pool()))
                .filter(match -> match.pool().equals(poolOf.get(match.userA()))
                        && match.pool().equals(poolOf.get(match.userB())))
                .forEach(match -> opened(match, match.deciders()));
    }

    /** The next operation, or empty when none is possible. */
    public Optional<ChurnOperation> next() {
        Map<Operation, Double> possible = new LinkedHashMap<>();
        for (Operation kind : Operation.values()) {
            double probability = spec.mix().getOrDefault(kind, 0.0);
            if (probability > 0 && isPossible(kind)) {
                possible.put(kind, probability);
            }
        }
        double total =
                possible.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total == 0) {
            return Optional.empty();
        }
        double draw = random.nextDouble() * total;
        Operation chosen = null;
        for (Map.Entry<Operation, Double> kind : possible.entrySet()) {
            chosen = kind.getKey();
            draw -= kind.getValue();
            if (draw < 0) {
                break;
            }
        }
        return Optional.of(draw(chosen));
    }

    private boolean isPossible(Operation kind) {
        return switch (kind) {
            case JOIN -> !outOfPool.isEmpty() && !poolsWithRoom().isEmpty();
            case LEAVE -> !inPool.isEmpty();
            case REJOIN -> {
                rejoiner = rejoinable.isEmpty() ? Optional.empty() : rejoinCandidate();
                yield rejoiner.isPresent();
            }
            case MATCH -> !matchable.isEmpty();
            case ACCEPT, REJECT -> !open.isEmpty();
        };
    }

    private ChurnOperation draw(Operation kind) {
        return switch (kind) {
            case JOIN -> join(outOfPool.pick(random), pick(poolsWithRoom()), false);
            case REJOIN -> {
                String user = rejoiner.orElseThrow();
                yield join(user, lastLeft.get(user), true);
            }
            case LEAVE -> leave(inPool.pick(random));
            case MATCH -> match(matchable.pick(random));
            case ACCEPT -> decide(open.pick(random), Choice.ACCEPT);
            case REJECT -> decide(open.pick(random), Choice.REJECT);
        };
    }

    private ChurnOperation join(String user, String pool, boolean rejoin) {
        outOfPool.remove(user);
        rejoinable.remove(user);
        joined(user, pool);
        return new ChurnOperation.Join(user, pool, rejoin);
    }

    private void joined(String user, String pool) {
        poolOf.put(user, pool);
        inPool.add(user);
        members.get(pool).add(user);
        sizes.merge(pool, 1, Integer::sum);
        if (members.get(pool).size() >= 2) {
            matchable.add(pool);
        }
    }

    private ChurnOperation leave(String user) {
        String pool = poolOf.remove(user);
        inPool.remove(user);
        members.get(pool).remove(user);
        sizes.merge(pool, -1, Integer::sum);
        if (members.get(pool).size() < 2) {
            matchable.remove(pool);
        }
        outOfPool.add(user);
        leftBefore(user, pool);
        for (MatchHandle match : new ArrayList<>(openOf.getOrDefault(user, Set.of()))) {
            closed(match);
        }
        return new ChurnOperation.Leave(user, pool);
    }

    private void leftBefore(String user, String pool) {
        lastLeft.put(user, pool);
        if (members.containsKey(pool)) {
            rejoinable.add(user);
        }
    }

    private ChurnOperation match(String pool) {
        PickSet<String> candidates = members.get(pool);
        String userA = candidates.pick(random);
        String userB = candidates.pickOtherThan(userA, random);
        MatchHandle match = matches.newMatch(pool, userA, userB);
        opened(match, Set.of());
        return new ChurnOperation.CreateMatch(match);
    }

    private ChurnOperation decide(MatchHandle match, Choice choice) {
        Set<String> acceptedBy = accepted.get(match);
        String user = acceptedBy.contains(match.userA())
                ? match.userB()
                : acceptedBy.contains(match.userB()) || random.nextBoolean() ? match.userA() : match.userB();
        if (choice == Choice.REJECT || acceptedBy.contains(match.partnerOf(user))) {
            closed(match);
        } else {
            acceptedBy.add(user);
        }
        return new ChurnOperation.Decide(match, user, choice);
    }

    private void opened(MatchHandle match, Set<String> deciders) {
        open.add(match);
        accepted.put(match, new HashSet<>(deciders));
        openOf.computeIfAbsent(match.userA(), user -> new LinkedHashSet<>()).add(match);
        openOf.computeIfAbsent(match.userB(), user -> new LinkedHashSet<>()).add(match);
    }

    private void closed(MatchHandle match) {
        open.remove(match);
        accepted.remove(match);
        openOf.getOrDefault(match.userA(), Set.of()).remove(match);
        openOf.getOrDefault(match.userB(), Set.of()).remove(match);
    }

    private List<String> poolsWithRoom() {
        return spec.pools().stream()
                .filter(pool -> !capacities.containsKey(pool) || sizes.get(pool) < capacities.get(pool))
                .toList();
    }

    /** A user who may rejoin the pool they left: one with room. Tries a few, so a full pool does not stall it. */
    private Optional<String> rejoinCandidate() {
        for (int attempt = 0; attempt < 8; attempt++) {
            String user = rejoinable.pick(random);
            String pool = lastLeft.get(user);
            if (!capacities.containsKey(pool) || sizes.get(pool) < capacities.get(pool)) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    private String pick(List<String> pools) {
        return pools.get(random.nextInt(pools.size()));
    }
}
