package dev.matchflow.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.matchflow.observability.LogFormatLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends every log line to a file instead of the console while a command runs, for commands whose console output
 * is their result (a line per scenario, a table of figures) and whose stack would otherwise drown it.
 */
final class LogFile implements AutoCloseable {

    private final Logger root;
    private final FileAppender<ILoggingEvent> file;
    private final List<Appender<ILoggingEvent>> consoles;
    private final List<Handler> julHandlers;

    private LogFile(
            Logger root,
            FileAppender<ILoggingEvent> file,
            List<Appender<ILoggingEvent>> consoles,
            List<Handler> julHandlers) {
        this.root = root;
        this.file = file;
        this.consoles = consoles;
        this.julHandlers = julHandlers;
    }

    /**
     * From now on until closed, log lines go to {@code path} (appended to), in the usual layout, not the console.
     *
     * @throws UncheckedIOException when the file's folder cannot be made
     */
    static LogFile routeTo(Path path) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the folder of the log file " + path + ": " + e.getMessage(), e);
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LogFormatLayout layout = new LogFormatLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setFile(path.toAbsolutePath().toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext(); ) {
            consoles.add(appenders.next());
        }
        root.addAppender(file);
        consoles.forEach(root::detachAppender);
        return new LogFile(root, file, consoles, routeJavaLogging());
    }

    /** gRPC and Netty log through java.util.logging, which prints to the console unless it goes to SLF4J too. */
    private static List<Handler> routeJavaLogging() {
        java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
        List<Handler> handlers = List.of(julRoot.getHandlers());
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        return handlers;
    }

    /** Log lines go where they went before. */
    @Override
    public void close() {
        SLF4JBridgeHandler.uninstall();
        java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
        julHandlers.forEach(julRoot::addHandler);
        consoles.forEach(root::addAppender);
        root.detachAppender(file);
        file.stop();
    }
}
