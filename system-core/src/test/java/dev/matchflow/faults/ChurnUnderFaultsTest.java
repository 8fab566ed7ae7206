package dev.matchflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.matchflow.http.ServiceCallException;
import dev.matchflow.pools.Pool;
import dev.matchflow.pubsub.DeadLetterRedrive;
import dev.matchflow.stack.StackClient;
import dev.matchflow.testing.DatabaseTest;
import dev.matchflow.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two thousand users leave and rejoin pools at once while faults switch on and off: Matches down, failing and slow,
 * the function crashing, Pub/Sub down, duplicating, delaying and reordering, the trigger failing, cleanup transactions
 * rolling back, Pools and User-Match refusing some calls. Once the faults are off and the dead letters redriven,
 * every invariant holds.
 *
 * <p>Every fault comes on once, for a window of the churn, in an order drawn from a seed, as are the pools and which
 * matches are accepted or rejected; the interleaving of the concurrent calls is not, so every run is a different
 * schedule of the same churn.
 */
class ChurnUnderFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(ChurnUnderFaultsTest.class);

    private static final long SEED = 20_251_205L;
    private static final int USERS = 2_000;
    private static final int POOLS = 40;
    private static final int WORKERS = 16;

    private static final List<String> FAULTS = List.of(
            "matches down",
            "matches failing 0.3",
            "matches slow 30ms jitter 20ms",
            "function crash 0.3",
            "function crash 1",
            "pubsub down",
            "pubsub duplicate 2",
            "pubsub delay 200ms",
            "pubsub reorder 300ms",
            "trigger failing 0.3",
            "database cleanup-error 0.3",
            "pools failing 0.1",
            "usermatch failing 0.1");

    /** A fault stays on while this many users churn, then the next one takes its place. */
    private static final int USERS_PER_FAULT_WINDOW = (USERS + FAULTS.size() - 1) / FAULTS.size();

    private final Random random = new Random(SEED);
    private final List<String> faultsInTurn = new ArrayList<>(FAULTS);
    private final AtomicInteger refusedCalls = new AtomicInteger();

    @DatabaseTest
    void usersLeavingAndRejoiningUnderSwitchingFaultsLeaveEveryInvariantHolding(TestDatabase database)
            throws Exception {
        try (FaultedStack system = FaultedStack.on(database)) {
            List<Pool> pools = pools(system);
            List<UUID> residents = residents(system, pools);
            List<Churner> churners = churners(pools);
            Collections.shuffle(faultsInTurn, random);
            runConcurrently(churners, churner -> joinWithAMatch(system, churner, churner.firstPool(), residents));

            runConcurrently(churners, churner -> {
                switchFaultsAsTheChurnGoesOn(system, churner.index());
                leaveAndRejoin(system, churner, residents);
            });
            system.faults().clear();
            system.awaitQuiescence();
            int redriven = redriveUntilNoDeadLetterIsLeft(system);

            log.info(
                    "churn of {} users under faults done: {} calls refused by faults, {} dead letters redriven",
                    USERS,
                    refusedCalls.get(),
                    redriven);
            assertThat(system.snapshot().pubsub().orElseThrow().deadLetters().backlog())
                    .isZero();
            system.assertEveryInvariantHolds();
        }
    }

    private List<Pool> pools(FaultedStack system) {
        List<Pool> pools = new ArrayList<>();
        for (int i = 0; i < POOLS; i++) {
            pools.add(system.client().createPool("churn-" + i, null));
        }
        return pools;
    }

    /** One member per pool who never leaves, so that every churner has someone to be matched with. */
    private static List<UUID> residents(FaultedStack system, List<Pool> pools) {
        List<UUID> residents = new ArrayList<>();
        for (Pool pool : pools) {
            UUID resident = UUID.randomUUID();
            system.client().join(resident, pool.id());
            residents.add(resident);
        }
        return residents;
    }

    private List<Churner> churners(List<Pool> pools) {
        List<Churner> churners = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            churners.add(new Churner(
                    i,
                    new UUID(random.nextLong(), random.nextLong()),
                    random.nextInt(pools.size()),
                    random.nextInt(pools.size()),
                    random.nextInt(4),
                    pools));
        }
        return churners;
    }

    /** The churner joins the pool and is offered a match with its resident; one in four is accepted, one rejected. */
    private void joinWithAMatch(FaultedStack system, Churner churner, int poolIndex, List<UUID> residents) {
        StackClient client = system.client();
        Pool pool = churner.pools().get(poolIndex);
        UUID resident = residents.get(poolIndex);
        attempt(() -> client.join(churner.userId(), pool.id()));
        attempt(() -> {
            var match = client.createMatch(pool.id(), churner.userId(), resident);
            if (churner.decisions() == 0) {
                client.decide(match.id(), churner.userId(), "accept");
                client.decide(match.id(), resident, "accept");
            } else if (churner.decisions() == 1) {
                client.decide(match.id(), resident, "reject");
            }
            return match;
        });
    }

    private void leaveAndRejoin(FaultedStack system, Churner churner, List<UUID> residents) {
        attempt(() -> system.client().leave(churner.userId()));
        joinWithAMatch(system, churner, churner.secondPool(), residents);
    }

    /** At the start of every window of the churn, the fault of the window before goes off and the next comes on. */
    private synchronized void switchFaultsAsTheChurnGoesOn(FaultedStack system, int churnerIndex) {
        if (churnerIndex % USERS_PER_FAULT_WINDOW != 0) {
            return;
        }
        system.faults().clear();
        system.faults().on(faultsInTurn.get(churnerIndex / USERS_PER_FAULT_WINDOW));
    }

    /** Faults make calls fail; a churner goes on as a client would, and the test counts the refusals. */
    private <T> void attempt(Supplier<T> call) {
        try {
            call.get();
        } catch (ServiceCallException refused) {
            refusedCalls.incrementAndGet();
        }
    }

    private static int redriveUntilNoDeadLetterIsLeft(FaultedStack system) throws Exception {
        int redriven = 0;
        for (List<DeadLetterRedrive.Redriven> batch = system.stack().redriveDeadLetters();
                !batch.isEmpty();
                batch = system.stack().redriveDeadLetters()) {
            redriven += batch.size();
            system.awaitQuiescence();
        }
        return redriven;
    }

    private static void runConcurrently(List<Churner> churners, Consumer<Churner> work) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Churner churner : churners) {
                done.add(workers.submit(() -> work.accept(churner)));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            workers.shutdown();
        }
    }

    /**
     * A user who joins one pool, is matched there, leaves and joins another (or the same) pool and is matched again.
     *
     * @param decisions 0: the first match is accepted by both, 1: rejected, else left waiting
     */
    private record Churner(int index, UUID userId, int firstPool, int secondPool, int decisions, List<Pool> pools) {}
}
