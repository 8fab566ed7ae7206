package dev.matchflow.console;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the console tells about a failure: a dialog with what was being done, the error's message,
 * and its stack trace folded away. A failure while the dialog is open replaces its text and is counted, so a burst
 * of errors opens one dialog, not a pile. Every error shown is logged once, with its stack trace.
 */
public final class ErrorDialog {

    private static final Logger log = LoggerFactory.getLogger(ErrorDialog.class);

    private static Window owner;
    private static Alert open;
    private static int shownWhileOpen;

    private ErrorDialog() {}

    /** Shows every uncaught exception of the FX thread (and of any other thread) in the dialog. */
    public static void install(Window window) {
        owner = window;
        Thread.setDefaultUncaughtExceptionHandler(
                (thread, error) -> show("Unexpected failure on " + thread.getName(), error));
    }

    /** Shows the dialog; may be called from any thread. */
    public static void show(String whatFailed, Throwable error) {
        Throwable cause = unwrapped(error);
        log.error("{}: {}", whatFailed, cause.getMessage(), cause);
        if (Platform.isFxApplicationThread()) {
            present(whatFailed, cause);
        } else {
            Platform.runLater(() -> present(whatFailed, cause));
        }
    }

    /** The dialog on screen, if one is; for tests. */
    static Alert openDialog() {
        return open;
    }

    private static void present(String whatFailed, Throwable cause) {
        if (open != null && open.isShowing()) {
            shownWhileOpen++;
            open.setHeaderText(whatFailed + " (and " + shownWhileOpen + " more failures since this dialog opened)");
            open.getDialogPane().setContent(content(cause));
            return;
        }
        shownWhileOpen = 0;
        open = new Alert(Alert.AlertType.ERROR);
        open.initOwner(owner);
        open.setTitle("Matchflow: something failed");
        open.setHeaderText(whatFailed);
        open.getDialogPane().setContent(content(cause));
        open.getDialogPane().setId("error-dialog");
        open.setResizable(true);
        open.show();
    }

    private static VBox content(Throwable cause) {
        Label message = new Label(message(cause));
        message.setWrapText(true);
        message.setId("error-message");
        TextArea trace = new TextArea(stackTrace(cause));
        trace.setEditable(false);
        trace.setPrefRowCount(8);
        VBox.setVgrow(trace, Priority.ALWAYS);
        return new VBox(8, message, new Label("Details:"), trace);
    }

    private static String message(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static Throwable unwrapped(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String stackTrace(Throwable cause) {
        StringWriter text = new StringWriter();
        cause.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
