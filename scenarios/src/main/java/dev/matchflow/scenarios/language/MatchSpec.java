package dev.matchflow.scenarios.language;

import java.util.List;

/** Matches to create: one by name, or many at random. */
public sealed interface MatchSpec {

    /** Where it is written. */
    int line();

    /** How many matches it makes. */
    int count();

    /** A user's answer to a match. */
    enum Choice {
        ACCEPT,
        REJECT;

        /** {@code accept} or {@code reject}, as Matches takes it. */
        public String wireName() {
            return this == ACCEPT ? "accept" : "reject";
        }
    }

    /** A user's decision, in the order they are sent. */
    record DecisionSpec(String user, Choice choice) {}

    /**
     * One match, which later steps and expectations can name.
     *
     * @param decisions sent in order once the match exists
     */
    record Named(String name, String pool, String userA, String userB, List<DecisionSpec> decisions, int line)
            implements MatchSpec {

        public Named {
            decisions = List.copyOf(decisions);
        }

        @Override
        public int count() {
            return 1;
        }
    }

    /**
     * Matches between members of the same pool, picked with the scenario's seed.
     *
     * @param count how many
     * @param pools the pools they are made in; a pool's two users are drawn from its members in the set-up
     * @param accepted the share both users accept
     * @param rejected the share one user rejects (the first accepts, the second rejects); the rest stay waiting
     */
    record Random(int count, List<String> pools, double accepted, double rejected, int line) implements MatchSpec {

        public Random {
            pools = List.copyOf(pools);
        }
    }
}
