package dev.matchflow.scenarios.language;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One step of a scenario, done through the stack's public APIs or its controls. */
public sealed interface Step {

    /** Where it is written. */
    int line();

    /** What it does, in a few words, for progress lines and reports. */
    String label();

    /** The answer its requests must get; {@link ExpectedAnswer#SUCCESS} unless the file says otherwise. */
    default ExpectedAnswer expected() {
        return ExpectedAnswer.SUCCESS;
    }

    /** Users join pools through User-Match, dealt out over the pools in turn. */
    record Join(List<String> users, List<String> pools, ExpectedAnswer expected, int line) implements Step {
        public Join {
            users = List.copyOf(users);
            pools = List.copyOf(pools);
        }

        @Override
        public String label() {
            return "join " + Names.summary(users) + " to " + Names.summary(pools);
        }
    }

    /** Users leave their pools through User-Match, one after the other. */
    record Leave(List<String> users, ExpectedAnswer expected, int line) implements Step {
        public Leave {
            users = List.copyOf(users);
        }

        @Override
        public String label() {
            return "leave " + Names.summary(users);
        }
    }

    /** Users join again the pool they last left. */
    record Rejoin(List<String> users, ExpectedAnswer expected, int line) implements Step {
        public Rejoin {
            users = List.copyOf(users);
        }

        @Override
        public String label() {
            return "rejoin " + Names.summary(users);
        }
    }

    /** Matches are offered, and decided as they say. */
    record CreateMatches(List<MatchSpec> matches, ExpectedAnswer expected, int line) implements Step {
        public CreateMatches {
            matches = List.copyOf(matches);
        }

        @Override
        public String label() {
            int count = matches.stream().mapToInt(MatchSpec::count).sum();
            if (matches.size() == 1 && matches.get(0) instanceof MatchSpec.Named named) {
                return "match " + named.name() + " (" + named.userA() + " and " + named.userB() + " in " + named.pool()
                        + ")";
            }
            return "create " + count + " matches";
        }
    }

    /** A user accepts or rejects a named match. */
    record Decide(String match, String user, MatchSpec.Choice choice, ExpectedAnswer expected, int line)
            implements Step {
        @Override
        public String label() {
            return user + " " + (choice == MatchSpec.Choice.ACCEPT ? "accepts " : "rejects ") + match;
        }
    }

    /** Pools are deleted through Pools; the database cascades, nothing is published. */
    record DeletePool(List<String> pools, ExpectedAnswer expected, int line) implements Step {
        public DeletePool {
            pools = List.copyOf(pools);
        }

        @Override
        public String label() {
            return "delete pool " + Names.summary(pools);
        }
    }

    /** A message is published to the event topic by hand, as {@code gcloud pubsub topics publish} would. */
    record Publish(PublishSpec message, int times, int line) implements Step {
        @Override
        public String label() {
            return "publish " + message.summary() + (times > 1 ? " " + times + " times" : "");
        }
    }

    /** Time passes, or the runner waits until the stack is quiet. */
    record Wait(Optional<Duration> duration, Duration quietWithin, int line) implements Step {
        @Override
        public String label() {
            return duration.map(time -> "wait " + Names.duration(time)).orElse("wait until quiet");
        }
    }

    /** Random churn over users and pools, generated with the scenario's seed. */
    record Churn(ChurnSpec churn, int line) implements Step {
        @Override
        public String label() {
            return churn.summary();
        }

        /** A churn counts refusals and failures (faults may be on) without failing; expectations judge it. */
        @Override
        public ExpectedAnswer expected() {
            return ExpectedAnswer.ANY;
        }
    }

    /** A fault switched on, as the faults of the stack read it: {@code matches down}, {@code pubsub delay 2s}. */
    record FaultOn(String fault, int line) implements Step {
        @Override
        public String label() {
            return "fault on: " + fault;
        }
    }

    /** Faults switched off: {@code all}, a component's ({@code matches}), or one ({@code matches failing}). */
    record FaultOff(String faults, int line) implements Step {
        @Override
        public String label() {
            return "fault off: " + faults;
        }
    }

    /** Every dead letter published again to the event topic, as an operator does once the fault is gone. */
    record Redrive(int line) implements Step {
        @Override
        public String label() {
            return "redrive dead letters";
        }
    }

    /** Matches' reconciliation sweep, through its internal endpoint, as an operator runs it. */
    record Reconcile(ExpectedAnswer expected, int line) implements Step {
        @Override
        public String label() {
            return "reconcile";
        }
    }

    /** Expectations checked in the middle of the run, on the state as it is then. */
    record Check(Expectations expectations, int line) implements Step {
        @Override
        public String label() {
            return "check " + expectations.size() + " expectations";
        }
    }
}
