package dev.matchflow.console;

import java.util.Objects;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application of the console. {@link ConsoleLauncher} starts it; the options travel through {@link
 * #prepare}, since JavaFX creates the application itself.
 */
public final class ConsoleApp extends Application {

    private static volatile ConsoleOptions options = ConsoleOptions.defaults();

    private ConsoleWindow window;

    /** Sets the options the next launch uses. */
    static void prepare(ConsoleOptions next) {
        options = Objects.requireNonNull(next, "options");
    }

    @Override
    public void start(Stage stage) {
        window = new ConsoleWindow(options);
        ErrorDialog.install(stage);
        stage.setTitle("Matchflow console");
        stage.setScene(window.scene());
        stage.show();
        window.start();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
