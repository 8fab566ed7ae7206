package dev.matchflow.console;

import static org.awaitility.Awaitility.await;

import dev.matchflow.stack.StackSettings;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * A console window on a real stack, shown in the test toolkit's stage: opened before a test class's tests, closed
 * after them. Register it after {@link FxToolkitExtension}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ConsoleUnderTest console = new ConsoleUnderTest(StackSettings.defaults());
 * }</pre>
 */
final class ConsoleUnderTest implements BeforeAllCallback, AfterAllCallback {

    static final Duration STARTS_WITHIN = Duration.ofSeconds(60);

    private final StackSettings settings;
    private ConsoleWindow window;

    ConsoleUnderTest(StackSettings settings) {
        this.settings = settings;
    }

    /** Opens the console and waits until its stack runs. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ConsoleOptions options = new ConsoleOptions(settings, Theme.LIGHT);
        ConsoleWindow opened = onFxThread(() -> new ConsoleWindow(options));
        FxToolkit.setupStage(stage -> show(stage, opened));
        onFxThread(() -> {
            opened.start();
            return opened;
        });
        await().atMost(STARTS_WITHIN).until(() -> opened.session().state().get() == SessionState.RUNNING);
        window = opened;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (window != null) {
            onFxThread(() -> {
                window.close();
                return null;
            });
        }
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

    private static void show(Stage stage, ConsoleWindow window) {
        ErrorDialog.install(stage);
        stage.setScene(window.scene());
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
    }
}
