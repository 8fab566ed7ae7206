package dev.matchflow.scenarios.churn;

import dev.matchflow.scenarios.language.ChurnSpec.Operation;
import dev.matchflow.scenarios.language.MatchSpec.Choice;
import java.util.List;

/** One operation of a churn, as the planner drew it. */
public sealed interface ChurnOperation {

    Operation kind();

    /** The users whose earlier operations must be answered before this one is sent. */
    List<String> users();

    /**
     * A user in no pool joins one.
     *
     * @param rejoin true when it is the pool the user last left
     */
    record Join(String user, String pool, boolean rejoin) implements ChurnOperation {
        @Override
        public Operation kind() {
            return rejoin ? Operation.REJOIN : Operation.JOIN;
        }

        @Override
        public List<String> users() {
            return List.of(user);
        }
    }

    /** A user leaves their pool. */
    record Leave(String user, String pool) implements ChurnOperation {
        @Override
        public Operation kind() {
            return Operation.LEAVE;
        }

        @Override
        public List<String> users() {
            return List.of(user);
        }
    }

    /** Two members of a pool are offered a match. */
    record CreateMatch(MatchHandle match) implements ChurnOperation {
        @Override
        public Operation kind() {
            return Operation.MATCH;
        }

        @Override
        public List<String> users() {
            return List.of(match.userA(), match.userB());
        }
    }

    /** A user of a waiting match decides on it. */
    record Decide(MatchHandle match, String user, Choice choice) implements ChurnOperation {
        @Override
        public Operation kind() {
            return choice == Choice.ACCEPT ? Operation.ACCEPT : Operation.REJECT;
        }

        @Override
        public List<String> users() {
            return List.of(match.userA(), match.userB());
        }
    }
}
