package dev.matchflow.console;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.logging.Level;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the console from a plain {@code main}. The class that launches is not an {@link Application}: when
 * JavaFX is on the class path (as the launcher's {@code lib/} puts it) rather than the module path, Java refuses
 * to start a main class that extends {@code Application} directly.
 */
public final class ConsoleLauncher {

    private static final Logger log = LoggerFactory.getLogger(ConsoleLauncher.class);

    /**
     * JavaFX warns at every start that it was loaded from the class path, a set-up it supports but does not test.
     * The launcher's {@code lib/} is that set-up on purpose, so the warning would only alarm; the logger is held
     * here because java.util.logging keeps only weak references to loggers.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private ConsoleLauncher() {}

    /**
     * Opens the console and returns when its window is closed.
     *
     * @return 0 when it ran and was closed, 2 when it could not open a window (said on {@code err})
     */
    public static int launch(ConsoleOptions options, PrintWriter err) {
        Optional<String> noDisplay = Display.missing(
                System.getenv(), System.getProperty("os.name", ""), System.getProperty("glass.platform"));
        if (noDisplay.isPresent()) {
            err.println("console: " + noDisplay.get());
            err.flush();
            return 2;
        }
        JAVAFX_LOG.setLevel(Level.SEVERE);
        ConsoleApp.prepare(options);
        try {
            Application.launch(ConsoleApp.class);
            return 0;
        } catch (RuntimeException e) {
            log.debug("JavaFX could not start", e);
            err.println("console: JavaFX could not open a window (" + e.getMessage() + "). " + advice(e.getMessage()));
            err.flush();
            return 2;
        }
    }

    private static String advice(String failure) {
        if (failure != null && failure.contains("GTK")) {
            return "On Linux JavaFX needs GTK 3: install it (Debian and Ubuntu: apt-get install libgtk-3-0).";
        }
        return Display.HOW_TO_GET_ONE;
    }
}
