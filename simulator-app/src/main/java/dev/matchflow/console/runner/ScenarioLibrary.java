package dev.matchflow.console.runner;

import dev.matchflow.scenarios.language.ScenarioParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scenarios the scenarios module packs as its library ({@code scenarios/library/*.yaml} on the class path),
 * read from its folder or its jar, whichever the class path holds.
 */
final class ScenarioLibrary {

    static final String FOLDER = "scenarios/library";

    /**
     * One scenario file of the library.
     *
     * @param file its path on the class path, for example {@code scenarios/library/plain-leave.yaml}
     * @param text what it says
     */
    record Entry(String file, String text) {

        /** {@code plain-leave} for {@code scenarios/library/plain-leave.yaml}. */
        String name() {
            return file.substring(file.lastIndexOf('/') + 1).replace(".yaml", "");
        }
    }

    private ScenarioLibrary() {}

    /**
     * Every scenario of the library, by file name.
     *
     * @throws IllegalStateException when the library is not on the class path
     */
    static List<Entry> entries() {
        URL folder = ScenarioParser.class.getClassLoader().getResource(FOLDER);
        if (folder == null) {
            throw new IllegalStateException("the scenario library (" + FOLDER + ") is not on the class path;"
                    + " the scenarios module's jar brings it");
        }
        try {
            URI uri = folder.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath(FOLDER));
                }
            }
            return read(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the scenario library at " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the scenario library's location " + folder + " is not a URI", e);
        }
    }

    private static List<Entry> read(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .map(ScenarioLibrary::entry)
                    .toList();
        }
    }

    private static Entry entry(Path file) {
        try {
            return new Entry(FOLDER + "/" + file.getFileName(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the library scenario " + file, e);
        }
    }
}
