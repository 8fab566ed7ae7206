package dev.matchflow.scenarios.run;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends independent requests of one step side by side, as many at once as the run's parallelism allows, and
 * counts their answers. Pausing the run holds back the requests not yet sent.
 */
final class Parallel implements AutoCloseable {

    private final ExecutorService executor;
    private final RunControl control;

    Parallel(int threads, RunControl control) {
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "scenario-requests-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.control = control;
    }

    /** Sends every batch (a batch's requests go in order, one after the other) and waits for all answers. */
    void send(List<Supplier<List<Answer>>> batches, Tally tally) throws InterruptedException {
        List<Callable<Void>> tasks = batches.stream()
                .<Callable<Void>>map(batch -> () -> {
                    control.awaitRunning();
                    if (control.isStopped()) {
                        tally.skipped("the run was stopped");
                    } else {
                        batch.get().forEach(tally::count);
                    }
                    return null;
                })
                .toList();
        for (Future<Void> done : executor.invokeAll(tasks)) {
            try {
                done.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "a request of the step failed unexpectedly: " + e.getCause(), e.getCause());
            }
        }
    }

    ExecutorService executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
