package dev.matchflow.scenarios.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunControlTest {

    @Test
    void thePausedScenarioClockStandsStill() throws Exception {
        RunControl control = new RunControl();
        control.pause();
        Duration atPause = control.elapsed();

        TimeUnit.MILLISECONDS.sleep(100);

        assertThat(control.elapsed()).isEqualTo(atPause);
        control.resume();
        await().atMost(Duration.ofSeconds(5)).until(() -> control.elapsed().compareTo(atPause.plusMillis(50)) > 0);
    }

    @Test
    void aWaitOnThePausedClockEndsOnlyAfterResume() throws Exception {
        RunControl control = new RunControl();
        control.pause();
        CompletableFuture<Void> wait = CompletableFuture.runAsync(() -> sleep(control, Duration.ofMillis(20)));

        TimeUnit.MILLISECONDS.sleep(200);
        boolean doneWhilePaused = wait.isDone();
        control.resume();

        assertThat(doneWhilePaused).isFalse();
        wait.get(5, TimeUnit.SECONDS);
    }

    @Test
    void atTenTimesTheSpeedTheScenarioClockRunsTenTimesAsFastAsRealTime() throws Exception {
        RunControl control = new RunControl();
        control.setSpeed(10);

        long outerStart = System.nanoTime();
        Duration first = control.elapsed();
        long innerStart = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(50);
        long innerEnd = System.nanoTime();
        Duration second = control.elapsed();
        long outerEnd = System.nanoTime();

        long scenarioNanos = second.minus(first).toNanos();
        assertThat(scenarioNanos).isBetween(10 * (innerEnd - innerStart), 10 * (outerEnd - outerStart));
    }

    @Test
    void stepLetsOneStepRunAndPausesBeforeTheNext() throws Exception {
        RunControl control = new RunControl();
        control.pause();
        CompletableFuture<Void> firstTurn = CompletableFuture.runAsync(() -> turn(control));
        TimeUnit.MILLISECONDS.sleep(100);
        assertThat(firstTurn).isNotDone();

        control.step();
        firstTurn.get(5, TimeUnit.SECONDS);
        assertThat(control.isPaused()).as("running the stepped step").isFalse();
        CompletableFuture<Void> secondTurn = CompletableFuture.runAsync(() -> turn(control));

        await().atMost(Duration.ofSeconds(5)).until(control::isPaused);
        assertThat(secondTurn).isNotDone();
        control.resume();
        secondTurn.get(5, TimeUnit.SECONDS);
    }

    @Test
    void stopEndsWaitsAndPauses() throws Exception {
        RunControl control = new RunControl();
        control.pause();
        CompletableFuture<Void> wait = CompletableFuture.runAsync(() -> sleep(control, Duration.ofHours(1)));
        CompletableFuture<Void> turn = CompletableFuture.runAsync(() -> turn(control));

        control.stop();

        wait.get(5, TimeUnit.SECONDS);
        turn.get(5, TimeUnit.SECONDS);
        assertThat(control.isStopped()).isTrue();
    }

    @Test
    void aSpeedMustBePositive() {
        assertThatThrownBy(() -> new RunControl().setSpeed(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("speed 0.0 must be a positive number, 1 for real time");
    }

    private static void sleep(RunControl control, Duration duration) {
        try {
            control.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void turn(RunControl control) {
        try {
            control.awaitStepTurn();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
