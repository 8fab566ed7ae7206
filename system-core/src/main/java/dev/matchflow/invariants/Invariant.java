package dev.matchflow.invariants;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The invariants every run of the match cleanup system keeps, numbered as the design lists them. */
public enum Invariant {
    ACCEPTED_MATCHES_SURVIVE_CLEANUP(1, "An accepted match is never removed by cleanup, only by deleting its pool."),
    NO_ORPHANED_MATCHES(
            2,
            "At quiescence no waiting or rejected match in a pool involves a user who is no longer a member of it,"
                    + " unless the match was created after the user's latest leave."),
    NEW_MATCHES_SURVIVE_EARLIER_LEAVES(
            3, "A match created after a user rejoined is never removed by the cleanup of the earlier leave."),
    NO_DANGLING_ROWS(4, "No decision exists without its match; no match exists without its pool."),
    MEMBER_COUNTS_MATCH_MEMBERS(5, "Each pool's member_count equals its membership rows."),
    EVERY_EVENT_SETTLES(
            6,
            "Every published event ends processed, rejected with a reason, or dead-lettered; none is lost, and at"
                    + " quiescence nothing is in flight.");

    private final int number;
    private final String statement;

    Invariant(int number, String statement) {
        this.number = number;
        this.statement = statement;
    }

    /** Its number in the design, from 1. */
    public int number() {
        return number;
    }

    /** What it says, in a sentence. */
    public String statement() {
        return statement;
    }

    /** Its name in scenario files and reports, for example {@code no-orphaned-matches}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The invariant with this {@link #id()} or number. */
    public static Optional<Invariant> find(String idOrNumber) {
        String wanted = idOrNumber.strip();
        return Arrays.stream(values())
                .filter(invariant -> invariant.id().equals(wanted)
                        || Integer.toString(invariant.number).equals(wanted))
                .findFirst();
    }
}
