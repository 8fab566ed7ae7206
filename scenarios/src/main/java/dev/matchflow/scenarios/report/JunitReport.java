package dev.matchflow.scenarios.report;

import dev.matchflow.scenarios.run.ExpectationResult;
import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.scenarios.run.StepResult;
import dev.matchflow.scenarios.run.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A run's results as JUnit XML, the format CI servers read: a test suite per scenario, and in it a test case per
 * step and per expectation. A failed step or unmet expectation is a {@code failure}; a scenario that could not
 * run is an {@code error}; a step not run is {@code skipped}.
 */
public final class JunitReport {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private JunitReport() {}

    /** Writes the results to {@code file}, replacing it. */
    public static void write(List<ScenarioResult> results, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "matchflow scenarios");
            xml.writeAttribute(
                    "tests",
                    Integer.toString(
                            results.stream().mapToInt(JunitReport::cases).sum()));
            xml.writeAttribute(
                    "failures",
                    Long.toString(
                            results.stream().mapToLong(JunitReport::failures).sum()));
            xml.writeAttribute(
                    "errors",
                    Long.toString(results.stream()
                            .filter(result -> result.error().isPresent())
                            .count()));
            xml.writeAttribute(
                    "time", seconds(results.stream().map(ScenarioResult::took).reduce(Duration.ZERO, Duration::plus)));
            for (ScenarioResult result : results) {
                suite(xml, result);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JUnit report " + file + ": " + e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report " + file + ": " + e.getMessage(), e);
        }
    }

    private static void suite(XMLStreamWriter xml, ScenarioResult result) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", result.name());
        xml.writeAttribute("file", result.file());
        xml.writeAttribute("tests", Integer.toString(cases(result)));
        xml.writeAttribute("failures", Long.toString(failures(result)));
        xml.writeAttribute("errors", result.error().isPresent() ? "1" : "0");
        xml.writeAttribute(
                "skipped",
                Long.toString(result.steps().stream()
                        .filter(step -> step.verdict() == Verdict.SKIPPED)
                        .count()));
        xml.writeAttribute("time", seconds(result.took()));
        xml.writeAttribute("timestamp", TIMESTAMP.format(result.startedAt().truncatedTo(ChronoUnit.SECONDS)));
        properties(xml, result);
        String classname = className(result.file());
        if (result.error().isPresent()) {
            testcase(xml, classname, "run", Duration.ZERO);
            xml.writeStartElement("error");
            xml.writeAttribute("message", result.error().get());
            xml.writeAttribute("type", "scenario");
            xml.writeCharacters(result.error().get());
            xml.writeEndElement();
            xml.writeEndElement();
        }
        for (StepResult step : result.steps()) {
            step(xml, classname, step);
        }
        for (ExpectationResult expectation : result.expectations()) {
            expectation(xml, classname, expectation);
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("system-out");
        xml.writeCharacters(TextSummary.of(result));
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void properties(XMLStreamWriter xml, ScenarioResult result) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        property(xml, "seed", Long.toString(result.seed()));
        property(xml, "stack", result.stack());
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static void step(XMLStreamWriter xml, String classname, StepResult step) throws XMLStreamException {
        String name =
                "step " + step.number() + ": " + step.label() + (step.line() > 0 ? " (line " + step.line() + ")" : "");
        testcase(xml, classname, name, step.took());
        if (step.verdict() == Verdict.FAILED) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", step.detail());
            xml.writeAttribute("type", "step");
            xml.writeCharacters(step.detail());
            xml.writeEndElement();
        } else if (step.verdict() == Verdict.SKIPPED) {
            xml.writeEmptyElement("skipped");
            xml.writeAttribute("message", step.detail());
        }
        xml.writeEndElement();
    }

    private static void expectation(XMLStreamWriter xml, String classname, ExpectationResult expectation)
            throws XMLStreamException {
        String where = expectation.step() > 0 ? "check in step " + expectation.step() : "expect";
        String name = where + ": " + expectation.label()
                + (expectation.line() > 0 ? " (line " + expectation.line() + ")" : "");
        testcase(xml, classname, name, Duration.ZERO);
        if (!expectation.met()) {
            String message = "expected " + expectation.label() + ", found " + expectation.actual();
            xml.writeStartElement("failure");
            xml.writeAttribute("message", message);
            xml.writeAttribute("type", "expectation");
            xml.writeCharacters(message);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void testcase(XMLStreamWriter xml, String classname, String name, Duration took)
            throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("name", name);
        xml.writeAttribute("time", seconds(took));
    }

    private static int cases(ScenarioResult result) {
        return result.steps().size()
                + result.expectations().size()
                + (result.error().isPresent() ? 1 : 0);
    }

    private static long failures(ScenarioResult result) {
        return result.steps().stream()
                        .filter(step -> step.verdict() == Verdict.FAILED)
                        .count()
                + result.expectations().stream()
                        .filter(expectation -> !expectation.met())
                        .count();
    }

    /** {@code library.plain-leave} for {@code scenarios/library/plain-leave.yaml}: its folder and name, as CI groups. */
    static String className(String file) {
        Path path = Path.of(file);
        String name = path.getFileName().toString().replaceAll("\\.ya?ml$", "");
        Path folder = path.getParent() == null ? null : path.getParent().getFileName();
        return folder == null ? name : folder + "." + name;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }
}
