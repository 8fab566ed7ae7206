package dev.matchflow.scenarios.report;

import dev.matchflow.scenarios.run.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Writes a run's reports into a folder: {@value #JUNIT_FILE} for CI and {@value #HTML_FILE} for people. */
public final class Reports {

    public static final String JUNIT_FILE = "TEST-matchflow-scenarios.xml";
    public static final String HTML_FILE = "index.html";

    private Reports() {}

    /**
     * Writes both reports, making the folder if needed.
     *
     * @return the HTML page's path
     */
    public static Path write(List<ScenarioResult> results, Instant startedAt, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report folder " + folder + ": " + e.getMessage(), e);
        }
        JunitReport.write(results, folder.resolve(JUNIT_FILE));
        Path page = folder.resolve(HTML_FILE);
        HtmlReport.write(results, startedAt, page);
        return page;
    }
}
