package dev.matchflow.console;

import static org.awaitility.Awaitility.await;

import dev.matchflow.stack.StackSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/** A console window on a real embedded stack, shown in the test toolkit's stage. */
final class ConsoleUnderTest implements AutoCloseable {

    static final Duration STARTS_WITHIN = Duration.ofSeconds(60);

    private final ConsoleWindow window;

    private ConsoleUnderTest(ConsoleWindow window) {
        this.window = window;
    }

    /** Opens the console on the embedded defaults at {@code timeScale} and waits until its stack runs. */
    static ConsoleUnderTest open(double timeScale) throws Exception {
        ConsoleOptions options = new ConsoleOptions(StackSettings.defaults().withTimeScale(timeScale), Theme.LIGHT);
        ConsoleWindow window = onFxThread(() -> new ConsoleWindow(options));
        FxToolkit.setupStage(stage -> show(stage, window));
        onFxThread(() -> {
            window.start();
            return window;
        });
        await().atMost(STARTS_WITHIN).until(() -> window.session().state().get() == SessionState.RUNNING);
        return new ConsoleUnderTest(window);
    }

    ConsoleWindow window() {
        return window;
    }

    /** Runs {@code work} on the FX thread and returns what it returned. */
    static <T> T onFxThread(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | AssertionError e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        onFxThread(() -> {
            window.close();
            return null;
        });
    }

    private static void show(Stage stage, ConsoleWindow window) {
        ErrorDialog.install(stage);
        stage.setScene(window.scene());
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
    }
}
