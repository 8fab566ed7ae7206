package dev.matchflow.scenarios.run;

import dev.matchflow.matches.ReconcileOutcome;
import dev.matchflow.scenarios.churn.MatchHandle;
import dev.matchflow.scenarios.language.MatchSpec;
import dev.matchflow.scenarios.language.Names;
import dev.matchflow.scenarios.language.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Runs the steps of a scenario, one at a time, and judges each by the answers its requests got. */
final class StepRunner {

    private final RunContext context;
    private final SplittableRandom random;
    private final List<ExpectationResult> checked = new ArrayList<>();

    StepRunner(RunContext context) {
        this.context = context;
        this.random = new SplittableRandom(context.scenario().seed()).split();
    }

    /** The expectations {@code check} steps checked so far. */
    List<ExpectationResult> checked() {
        return List.copyOf(checked);
    }

    StepResult run(int number, Step step) throws InterruptedException {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Tally tally = new Tally();
        Verdict verdict = Verdict.FAILED;
        String detail;
        try {
            Done done = perform(number, step, tally);
            String unexpected = tally.unexpected(step.expected());
            if (done.problem().isPresent()) {
                detail = done.problem().get();
            } else if (!unexpected.isEmpty()) {
                detail = unexpected + " (expected " + step.expected() + "): " + tally.firstErrors();
            } else {
                verdict = Verdict.PASSED;
                detail = done.withCounts(tally.counts());
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            detail = e.getMessage();
        }
        return new StepResult(
                number,
                step.label(),
                step.line(),
                verdict,
                startedAt,
                Duration.ofNanos(System.nanoTime() - started),
                tally.counts(),
                detail);
    }

    /**
     * What a step did besides its requests.
     *
     * @param problem why it failed, when it failed for a reason other than its answers
     * @param note what it did, for the report
     * @param noteCounts true when the note already counts the step's requests
     */
    private record Done(Optional<String> problem, String note, boolean noteCounts) {

        static final Done NOTHING = new Done(Optional.empty(), "", false);

        static Done noted(String note) {
            return new Done(Optional.empty(), note, false);
        }

        /** The note, then the request counts when there were requests and the note does not already give them. */
        String withCounts(RequestCounts counts) {
            if (counts.total() == 0 || noteCounts) {
                return note;
            }
            return note.isEmpty() ? counts.summary() : note + "; " + counts.summary();
        }
    }

    /** Does the step; a problem that is not about the answers (a wait that timed out, unmet checks) comes back. */
    private Done perform(int number, Step step, Tally tally) throws InterruptedException {
        if (step instanceof Step.Join join) {
            List<String> users = join.users();
            for (int index = 0; index < users.size(); index++) {
                String pool = join.pools().get(index % join.pools().size());
                String user = users.get(index);
                one(tally, () -> context.actions().join(user, pool));
            }
        } else if (step instanceof Step.Leave leave) {
            for (String user : leave.users()) {
                one(tally, () -> context.actions().leave(user));
            }
        } else if (step instanceof Step.Rejoin rejoin) {
            for (String user : rejoin.users()) {
                one(tally, () -> context.actions().rejoin(user));
            }
        } else if (step instanceof Step.CreateMatches create) {
            createMatches(create.matches(), tally);
        } else if (step instanceof Step.Decide decide) {
            MatchHandle match = context.world().match(decide.match()).orElseThrow();
            one(tally, () -> context.actions().decide(match, decide.user(), decide.choice()));
        } else if (step instanceof Step.DeletePool delete) {
            for (String pool : delete.pools()) {
                one(tally, () -> context.actions().deletePool(pool));
            }
        } else if (step instanceof Step.Reconcile) {
            List<String> swept = new ArrayList<>();
            one(tally, () -> context.actions().reconcile(outcome -> swept.add(swept(outcome))));
            return Done.noted(String.join("", swept));
        } else {
            return performWithoutRequests(number, step, tally);
        }
        return Done.NOTHING;
    }

    private Done performWithoutRequests(int number, Step step, Tally tally) throws InterruptedException {
        if (step instanceof Step.FaultOn on) {
            return Done.noted(context.stack().faults().on(on.fault()).fault().explain());
        } else if (step instanceof Step.FaultOff off) {
            int switchedOff = context.stack().faults().off(off.faults());
            return Done.noted(switchedOff + (switchedOff == 1 ? " fault" : " faults") + " switched off");
        } else if (step instanceof Step.Redrive) {
            int redriven = context.stack().redriveDeadLetters().size();
            context.redriven().addAndGet(redriven);
            return Done.noted(redriven + (redriven == 1 ? " dead letter" : " dead letters") + " published again");
        } else if (step instanceof Step.Publish publish) {
            List<String> messageIds = context.actions().publish(publish.message(), publish.times());
            return Done.noted("published as message " + String.join(", ", messageIds));
        } else if (step instanceof Step.Wait wait) {
            if (wait.duration().isPresent()) {
                context.control().sleep(wait.duration().get());
                return Done.NOTHING;
            }
            long started = System.nanoTime();
            Optional<String> notQuiet = context.awaitQuiet(wait.quietWithin());
            String quietAfter = "quiet after " + Names.duration(Duration.ofNanos(System.nanoTime() - started));
            return new Done(notQuiet, quietAfter, false);
        } else if (step instanceof Step.Churn churn) {
            long seed = random.nextLong();
            ChurnRun.Outcome outcome = new ChurnRun(
                            context.stack(), context.actions(), context.control(), context.listeners(), number)
                    .run(churn.churn(), seed, tally);
            return new Done(outcome.problem(), outcome.summary(), true);
        }
        return check(number, (Step.Check) step);
    }

    private static String swept(ReconcileOutcome outcome) {
        return String.format(
                Locale.ROOT,
                "%d pools checked, %d matches and %d decisions deleted, %d accepted kept",
                outcome.poolsChecked(),
                outcome.matchesDeleted(),
                outcome.decisionsDeleted(),
                outcome.acceptedKept());
    }

    private Done check(int number, Step.Check check) {
        RunContext.Checked state = context.check();
        List<ExpectationResult> results = state.expectations(context).check(check.expectations(), number);
        results.forEach(context.listeners()::expectationChecked);
        checked.addAll(results);
        long unmet = results.stream().filter(result -> !result.met()).count();
        String note = (results.size() - unmet) + " of " + results.size() + " expectations met";
        return new Done(unmet == 0 ? Optional.empty() : Optional.of(note), note, false);
    }

    private void createMatches(List<MatchSpec> specs, Tally tally) throws InterruptedException {
        List<Supplier<List<Answer>>> batches = new ArrayList<>();
        for (MatchSpec spec : specs) {
            for (PlannedMatch planned : PlannedMatch.plan(spec, context.world(), random)) {
                batches.add(() -> planned.send(context.actions()));
            }
        }
        context.parallel().send(batches, tally);
    }

    private void one(Tally tally, Supplier<Answer> request) throws InterruptedException {
        context.control().awaitRunning();
        if (context.control().isStopped()) {
            tally.skipped("the run was stopped");
            return;
        }
        tally.count(request.get());
    }
}
