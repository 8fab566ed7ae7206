package dev.matchflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files a running command writes for other commands to read (where it listens, its token) and removes when it stops.
 * Each is readable and writable by its owner only, and appears whole: it is written beside its place and moved in.
 */
final class RunFiles implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Deque<Path> written = new ArrayDeque<>();

    /**
     * Writes {@code content} to {@code file}, unless {@code file} is null; {@code what} names it in logs and errors.
     *
     * @throws UncheckedIOException when it cannot be written, saying where and what to check
     */
    void write(Path file, String content, String what) {
        if (file == null) {
            return;
        }
        Path target = file.toAbsolutePath();
        try {
            Path partial = Files.createTempFile(target.getParent(), ".matchflow", ".partial");
            ownerOnly(partial);
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.push(target);
            log.info("stack {} written to {}", what, target);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not write the " + what + " to " + target + " (" + e + "); check the folder exists and is"
                            + " writable",
                    e);
        }
    }

    /** Removes every file written, the last first. */
    @Override
    public void close() {
        while (!written.isEmpty()) {
            remove(written.pop());
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not remove {}: {}; remove it by hand", file, e.toString());
        }
    }
}
