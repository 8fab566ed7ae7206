package dev.matchflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.matchflow.pools.Pool;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.StackClient;
import dev.matchflow.stack.StackSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The console while thousands of real events flow: users leave and rejoin in parallel through the public APIs,
 * every hop reaches the screens, and the FX thread keeps answering. How long it kept probes waiting is printed as
 * a diagnostic, not asserted.
 */
@ExtendWith(FxToolkitExtension.class)
class ConsoleUnderChurnTest extends FxRobot {

    private static final int WORKERS = 4;
    private static final int USERS_PER_WORKER = 25;
    private static final int ROUNDS = 10;

    @RegisterExtension
    static final ConsoleUnderTest console = new ConsoleUnderTest(StackSettings.defaults());

    @Test
    void everyLeaveOfAChurnReachesTheTimelineWhileTheWindowStaysResponsive() throws Exception {
        ConsoleWindow window = console.window();
        StackClient client = window.session().running().orElseThrow().client();
        Pool pool = client.createPool("churn", null);
        interact(() -> window.showTab(System.getProperty("churn.tab", "topology")));
        window.latency().restart();
        long started = System.nanoTime();

        int leaves = churn(client, pool.id());

        window.session().running().orElseThrow().stack().awaitQuiescence(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(60)).until(() -> cleanups(window) == leaves);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        UiLatencyProbe.Figures figures = window.latency().figures();
        System.out.printf(
                "churn: %d leaves and rejoins, %d hops in the timeline in %d ms; %s; worst %.1f ms over %d probes%n",
                leaves,
                window.timeline().shownRows().size(),
                tookMillis,
                figures.describe(),
                figures.worstEver(),
                figures.probes());
        assertThat(figures.probes())
                .as("the FX thread answered probes throughout")
                .isGreaterThan(10);
        Screenshots.save(window.scene(), "topology-after-churn");
    }

    private static int churn(StackClient client, UUID poolId) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                done.add(workers.submit(() -> leaveAndRejoin(client, poolId)));
            }
            int leaves = 0;
            for (Future<Integer> worker : done) {
                leaves += worker.get();
            }
            return leaves;
        } finally {
            workers.shutdownNow();
        }
    }

    private static int leaveAndRejoin(StackClient client, UUID poolId) {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < USERS_PER_WORKER; i++) {
            UUID user = UUID.randomUUID();
            client.join(user, poolId);
            users.add(user);
        }
        int leaves = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (UUID user : users) {
                client.leave(user);
                client.join(user, poolId);
                leaves++;
            }
        }
        return leaves;
    }

    private static long cleanups(ConsoleWindow window) throws Exception {
        return ConsoleUnderTest.onFxThread(() -> window.timeline().shownRows().stream()
                .map(FlowEvent::action)
                .filter("cleanup"::equals)
                .count());
    }
}
