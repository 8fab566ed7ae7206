package dev.matchflow.scenarios.language;

import java.util.List;
import java.util.Optional;

/**
 * What exists before the first step, made through the services' public APIs.
 *
 * @param pools the pools, in the order they are created
 * @param users every user name of the scenario, in the order they were declared
 * @param members who is in which pool
 * @param matches the matches, with their decisions
 */
public record Setup(List<PoolSpec> pools, List<String> users, List<MemberSpec> members, List<MatchSpec> matches) {

    public Setup {
        pools = List.copyOf(pools);
        users = List.copyOf(users);
        members = List.copyOf(members);
        matches = List.copyOf(matches);
    }

    /** A pool to create. */
    public record PoolSpec(String name, Optional<Integer> capacity) {}

    /**
     * Users who join pools: dealt out over the pools in turn, the first user to the first pool.
     *
     * @param line where it is written
     */
    public record MemberSpec(List<String> pools, List<String> users, int line) {

        public MemberSpec {
            pools = List.copyOf(pools);
            users = List.copyOf(users);
        }

        /** The pool the {@code index}th user joins. */
        public String poolOf(int index) {
            return pools.get(index % pools.size());
        }
    }
}
