package dev.matchflow.scenarios.churn;

import dev.matchflow.matches.MatchStatus;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A match the runner asked for, known before Matches gives it an id: later operations refer to it, and find its
 * id once the request that creates it has been answered. It also keeps what the runner saw become of it.
 */
public final class MatchHandle {

    private final Optional<String> name;
    private final String pool;
    private final String userA;
    private final String userB;
    private volatile UUID id;
    private final Set<String> deciders = new LinkedHashSet<>();
    private MatchStatus status = MatchStatus.WAITING;
    private boolean gone;

    /**
     * @param name the name the scenario gives it, if any
     * @param pool the pool's name
     */
    public MatchHandle(Optional<String> name, String pool, String userA, String userB) {
        this.name = name;
        this.pool = pool;
        this.userA = userA;
        this.userB = userB;
    }

    public Optional<String> name() {
        return name;
    }

    public String pool() {
        return pool;
    }

    public String userA() {
        return userA;
    }

    public String userB() {
        return userB;
    }

    public boolean involves(String user) {
        return userA.equals(user) || userB.equals(user);
    }

    /** The other user of the match. */
    public String partnerOf(String user) {
        return userA.equals(user) ? userB : userA;
    }

    /** Its id; empty until Matches created it, and for good if it never did. */
    public Optional<UUID> id() {
        return Optional.ofNullable(id);
    }

    public void created(UUID matchId) {
        this.id = matchId;
    }

    /** Notes a decision Matches took, and the status it answered with. */
    public synchronized void decided(String user, MatchStatus newStatus) {
        deciders.add(user);
        status = newStatus;
    }

    /** Notes that a cleanup or a pool deletion will remove it, as far as the runner can tell. */
    public synchronized void gone() {
        gone = true;
    }

    /** True while it exists and waits for a decision, as far as the runner can tell. */
    public synchronized boolean isOpen() {
        return !gone && id != null && status == MatchStatus.WAITING;
    }

    public synchronized MatchStatus status() {
        return status;
    }

    public synchronized Set<String> deciders() {
        return Set.copyOf(deciders);
    }

    @Override
    public String toString() {
        return name.orElse("match") + " (" + userA + " and " + userB + " in " + pool + ")";
    }
}
