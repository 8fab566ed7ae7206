package dev.matchflow.scenarios.run;

import dev.matchflow.faults.Faults;
import dev.matchflow.scenarios.language.ChurnSpec.FaultWindow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches a churn's faults on and off on the scenario clock, each window on a thread of its own, while the churn
 * runs; when it ends, every one of them is switched off, so the stack can become quiet.
 */
final class FaultWindows implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultWindows.class);

    private final List<FaultWindow> windows;
    private final Faults faults;
    private final RunControl control;
    private final ExecutorService threads;
    private final AtomicInteger switchedOn = new AtomicInteger();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();

    /** Starts switching, with the churn's start at {@code begin} on the scenario clock. */
    FaultWindows(List<FaultWindow> windows, Faults faults, RunControl control, Duration begin) {
        this.windows = windows;
        this.faults = faults;
        this.control = control;
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(Math.max(1, windows.size()), task -> {
            Thread thread = new Thread(task, "fault-window-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        windows.forEach(window -> threads.execute(() -> switchOnAndOff(window, begin)));
    }

    /** How many times a fault was switched on. */
    int switchedOn() {
        return switchedOn.get();
    }

    /** Why a fault could not be switched, if one could not. */
    Optional<String> problem() {
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** Stops switching and switches off every fault of the windows. */
    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        windows.forEach(window -> faults.off(window.fault()));
    }

    private void switchOnAndOff(FaultWindow window, Duration begin) {
        Duration on = begin.plus(window.at());
        try {
            while (true) {
                control.awaitScenarioTime(on);
                if (control.isStopped() || !switchOn(window)) {
                    return;
                }
                control.awaitScenarioTime(on.plus(window.lasting()));
                faults.off(window.fault());
                if (window.every().isEmpty()) {
                    return;
                }
                on = on.plus(window.every().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean switchOn(FaultWindow window) {
        try {
            faults.on(window.fault());
            switchedOn.incrementAndGet();
            return true;
        } catch (IllegalStateException | IllegalArgumentException e) {
            log.error("fault '{}' of a churn could not be switched on: {}", window.fault(), e.getMessage());
            problems.add("fault '" + window.fault() + "' could not be switched on: " + e.getMessage());
            return false;
        }
    }
}
