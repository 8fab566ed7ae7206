package dev.matchflow.scenarios.language;

import java.util.Objects;

/**
 * What is wrong with a scenario file, and where.
 *
 * @param file the file, as it was named when loaded
 * @param line the line, from 1; 0 when the problem is with the whole file
 * @param column the column, from 1; 0 when unknown
 * @param message what is wrong and what was expected
 */
public record Problem(String file, int line, int column, String message) {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:column: message}, as compilers print it, so editors can jump to it. */
    @Override
    public String toString() {
        if (line == 0) {
            return file + ": " + message;
        }
        return file + ":" + line + ":" + column + ": " + message;
    }
}
