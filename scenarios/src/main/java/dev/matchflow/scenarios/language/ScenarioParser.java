package dev.matchflow.scenarios.language;

import dev.matchflow.pubsub.PubSubBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads scenario files, as {@code scenarios/README.md} describes them. A file with problems is refused as a whole
 * with every problem found, each with its line and what was expected.
 *
 * <pre>{@code
 * Scenario scenario = ScenarioParser.load(Path.of("scenarios/library/plain-leave.yaml"));
 * }</pre>
 */
public final class ScenarioParser {

    private static final List<String> KEYS =
            List.of("name", "seed", "stack", "setup", "steps", "expect", "quiet_within");
    private static final List<String> STACK_KEYS =
            List.of("pubsub", "database", "time_scale", "publishing", "matches_timeout");
    private static final Duration DEFAULT_QUIET_WITHIN = Duration.ofSeconds(60);
    private static final long DEFAULT_SEED = 1;
    private static final double MOST_TIME_SCALE = 10_000;

    private final String file;
    private final Problems problems = new Problems();
    private final Declarations names = new Declarations();

    private ScenarioParser(String file) {
        this.file = file;
    }

    /**
     * Reads a scenario file.
     *
     * @throws ScenarioFileException naming every problem in the file
     * @throws UncheckedIOException when it cannot be read
     */
    public static Scenario load(Path path) {
        try {
            return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a scenario from its text.
     *
     * @param file the file's name, for problems and reports
     * @throws ScenarioFileException naming every problem in the text
     */
    public static Scenario parse(String file, String text) {
        return new ScenarioParser(file).parse(text);
    }

    private Scenario parse(String text) {
        YamlValue root = new YamlValue(compose(text), file);
        Optional<YamlMap> readable = problems.attempt(() -> root.map("a scenario"));
        problems.throwIfAny();
        YamlMap top = readable.orElseThrow();
        problems.attempt(() -> top.allowOnly("a scenario", KEYS));
        String name = problems.attempt(() -> top.require("name", "a scenario").text("the scenario's name"))
                .orElse(file);
        long seed = problems.attempt(() -> top.get("seed")
                        .map(value -> value.wholeNumber("the seed", Long.MIN_VALUE, Long.MAX_VALUE))
                        .orElse(DEFAULT_SEED))
                .orElse(DEFAULT_SEED);
        StackChoice stack = problems.attempt(() -> stack(top.get("stack"))).orElse(StackChoice.defaults());
        Duration quietWithin = problems.attempt(() -> top.get("quiet_within")
                        .map(value -> value.duration("quiet_within"))
                        .orElse(DEFAULT_QUIET_WITHIN))
                .orElse(DEFAULT_QUIET_WITHIN);
        Setup setup = new SetupReader(names, problems).read(top.get("setup"));
        List<Step> steps = new StepReader(names, problems).read(top.get("steps"));
        Expectations expectations = problems.attempt(
                        () -> new ExpectationReader(names, problems).readScenario(top.get("expect")))
                .orElse(Expectations.invariantsOnly());
        problems.throwIfAny();
        return new Scenario(name, file, description(text), seed, stack, setup, steps, expectations, quietWithin);
    }

    private Node compose(String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).build();
        try {
            return new Compose(settings)
                    .composeString(text)
                    .orElseThrow(() -> new ScenarioFileException(
                            List.of(new Problem(file, 0, 0, "the file is empty; a scenario needs at least a name"))));
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            int line = mark.map(at -> at.getLine() + 1).orElse(0);
            int column = mark.map(at -> at.getColumn() + 1).orElse(0);
            throw new ScenarioFileException(
                    List.of(new Problem(file, line, column, "not valid YAML: " + e.getProblem())));
        } catch (YamlEngineException e) {
            throw new ScenarioFileException(List.of(new Problem(file, 0, 0, "not valid YAML: " + e.getMessage())));
        }
    }

    private static StackChoice stack(Optional<YamlValue> value) {
        if (value.isEmpty()) {
            return StackChoice.defaults();
        }
        YamlMap stack = value.get().map("the stack settings").allowOnly("stack", STACK_KEYS);
        Optional<PubSubBackend> pubsub = stack.get("pubsub").map(ScenarioParser::backend);
        Optional<String> database =
                stack.get("database").map(url -> url.text("the database URL")).filter(url -> !url.equals("h2"));
        double timeScale = stack.get("time_scale")
                .map(scale -> scale.number("the time scale", 1e-3, MOST_TIME_SCALE))
                .orElse(1.0);
        boolean publishing = stack.get("publishing")
                .map(flag ->
                        flag.oneOf("publishing", List.of("enabled", "disabled")).equals("enabled"))
                .orElse(true);
        Optional<Duration> matchesTimeout =
                stack.get("matches_timeout").map(timeout -> timeout.duration("the function's wait for Matches"));
        return new StackChoice(pubsub, database, timeScale, publishing, matchesTimeout);
    }

    private static PubSubBackend backend(YamlValue value) {
        try {
            return PubSubBackend.parse(value.text("the Pub/Sub backend"));
        } catch (IllegalArgumentException e) {
            throw value.bad(e.getMessage());
        }
    }

    /** The comment lines at the top of the file, without their {@code #}: what the scenario shows. */
    private static String description(String text) {
        return text.lines()
                .takeWhile(line -> line.isBlank() || line.startsWith("#"))
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#\\s?", ""))
                .collect(Collectors.joining("\n"))
                .strip();
    }
}
