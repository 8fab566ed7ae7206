package dev.matchflow.scenarios.run;

import dev.matchflow.scenarios.churn.MatchHandle;
import dev.matchflow.scenarios.language.MatchSpec;
import dev.matchflow.scenarios.language.MatchSpec.Choice;
import dev.matchflow.scenarios.language.MatchSpec.DecisionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A match to create and the decisions to send on it, drawn from a {@link MatchSpec}. Random matches pair members
 * of the same pool as the runner knows them, with the scenario's seed, so the same file pairs the same users.
 */
record PlannedMatch(MatchHandle match, List<DecisionSpec> decisions) {

    /** The matches a spec stands for; each gets its handle in the world now, in order. */
    static List<PlannedMatch> plan(MatchSpec spec, World world, SplittableRandom random) {
        if (spec instanceof MatchSpec.Named named) {
            MatchHandle match = world.newMatch(Optional.of(named.name()), named.pool(), named.userA(), named.userB());
            return List.of(new PlannedMatch(match, named.decisions()));
        }
        return random((MatchSpec.Random) spec, world, random);
    }

    /** The request that creates the match, then its decisions in order; a decision waits for its match. */
    List<Answer> send(Actions actions) {
        List<Answer> answers = new ArrayList<>();
        Answer created = actions.createMatch(match);
        answers.add(created);
        for (DecisionSpec decision : decisions) {
            answers.add(actions.decide(match, decision.user(), decision.choice()));
        }
        return answers;
    }

    private static List<PlannedMatch> random(MatchSpec.Random spec, World world, SplittableRandom random) {
        Map<String, List<String>> members = new HashMap<>();
        List<String> pools = new ArrayList<>();
        for (String pool : spec.pools()) {
            List<String> poolMembers = world.membersOf(pool);
            if (poolMembers.size() >= 2) {
                members.put(pool, poolMembers);
                pools.add(pool);
            }
        }
        if (pools.isEmpty()) {
            throw new IllegalStateException("none of the pools " + spec.pools() + " has two members to match");
        }
        List<PlannedMatch> planned = new ArrayList<>(spec.count());
        for (int index = 0; index < spec.count(); index++) {
            String pool = pools.get(random.nextInt(pools.size()));
            List<String> candidates = members.get(pool);
            int first = random.nextInt(candidates.size());
            int second = (first + 1 + random.nextInt(candidates.size() - 1)) % candidates.size();
            String userA = candidates.get(first);
            String userB = candidates.get(second);
            MatchHandle match = world.newMatch(Optional.empty(), pool, userA, userB);
            planned.add(new PlannedMatch(match, decisions(spec, random.nextDouble(), userA, userB)));
        }
        return planned;
    }

    private static List<DecisionSpec> decisions(MatchSpec.Random spec, double draw, String userA, String userB) {
        if (draw < spec.accepted()) {
            return List.of(new DecisionSpec(userA, Choice.ACCEPT), new DecisionSpec(userB, Choice.ACCEPT));
        }
        if (draw < spec.accepted() + spec.rejected()) {
            return List.of(new DecisionSpec(userA, Choice.ACCEPT), new DecisionSpec(userB, Choice.REJECT));
        }
        return List.of();
    }
}
