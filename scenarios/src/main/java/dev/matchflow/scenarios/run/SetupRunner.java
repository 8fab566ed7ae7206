package dev.matchflow.scenarios.run;

import dev.matchflow.scenarios.language.ExpectedAnswer;
import dev.matchflow.scenarios.language.MatchSpec;
import dev.matchflow.scenarios.language.Setup;
import dev.matchflow.scenarios.language.Setup.MemberSpec;
import dev.matchflow.scenarios.language.Setup.PoolSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Makes a scenario's set-up through the public APIs: pools one by one, then memberships (through Pools) and
 * matches with their decisions (through Matches), many at once. It is step 0 of the run.
 */
final class SetupRunner {

    static final String LABEL = "set-up";

    private final RunContext context;

    SetupRunner(RunContext context) {
        this.context = context;
    }

    StepResult run(Setup setup) throws InterruptedException {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        Tally tally = new Tally();
        for (PoolSpec pool : setup.pools()) {
            tally.count(context.actions().createPool(pool));
        }
        context.parallel().send(memberships(setup.members()), tally);
        List<PlannedMatch> matches = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(context.scenario().seed());
        for (MatchSpec spec : setup.matches()) {
            matches.addAll(PlannedMatch.plan(spec, context.world(), random));
        }
        List<Supplier<List<Answer>>> batches = new ArrayList<>();
        matches.forEach(planned -> batches.add(() -> planned.send(context.actions())));
        context.parallel().send(batches, tally);

        String unexpected = tally.unexpected(ExpectedAnswer.SUCCESS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String made = made(setup, matches);
        if (!unexpected.isEmpty()) {
            return new StepResult(
                    0,
                    LABEL,
                    0,
                    Verdict.FAILED,
                    startedAt,
                    took,
                    tally.counts(),
                    made + "; " + unexpected + ": " + tally.firstErrors());
        }
        return new StepResult(
                0,
                LABEL,
                0,
                Verdict.PASSED,
                startedAt,
                took,
                tally.counts(),
                made + "; " + tally.counts().summary());
    }

    private List<Supplier<List<Answer>>> memberships(List<MemberSpec> members) {
        List<Supplier<List<Answer>>> batches = new ArrayList<>();
        for (MemberSpec spec : members) {
            for (int index = 0; index < spec.users().size(); index++) {
                String user = spec.users().get(index);
                String pool = spec.poolOf(index);
                batches.add(() -> List.of(context.actions().addMember(user, pool)));
            }
        }
        return batches;
    }

    private static String made(Setup setup, List<PlannedMatch> matches) {
        int members =
                setup.members().stream().mapToInt(spec -> spec.users().size()).sum();
        long decisions = matches.stream()
                .mapToLong(planned -> planned.decisions().size())
                .sum();
        return String.format(
                Locale.ROOT,
                "%,d pools, %,d memberships, %,d matches with %,d decisions",
                setup.pools().size(),
                members,
                matches.size(),
                decisions);
    }
}
