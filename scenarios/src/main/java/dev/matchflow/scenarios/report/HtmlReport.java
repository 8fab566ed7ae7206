package dev.matchflow.scenarios.report;

import dev.matchflow.invariants.InvariantResult;
import dev.matchflow.scenarios.language.Names;
import dev.matchflow.scenarios.run.ExpectationResult;
import dev.matchflow.scenarios.run.FaultSpan;
import dev.matchflow.scenarios.run.LatencySummary;
import dev.matchflow.scenarios.run.RunFigures;
import dev.matchflow.scenarios.run.ScenarioResult;
import dev.matchflow.scenarios.run.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A run's results as one self-contained HTML page: a table of the scenarios, then for each its steps, invariants,
 * expectations, counts, throughput, latency percentiles and a chart of leave-to-cleanup latency over time.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1100px; }
            h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; margin: 0.8em 0; }
            th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
            th { background: #f4f4f4; } td.number { text-align: right; font-variant-numeric: tabular-nums; }
            .PASSED, .pass { color: #17692b; font-weight: 600; } .FAILED, .fail { color: #b00020; font-weight: 600; }
            .SKIPPED { color: #777; } .description { white-space: pre-wrap; color: #444; }
            """;

    private HtmlReport() {}

    /** Writes the page for a run that started at {@code startedAt} to {@code file}, replacing it. */
    public static void write(List<ScenarioResult> results, Instant startedAt, Path file) {
        try {
            Files.writeString(file, page(results, startedAt), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report " + file + ": " + e.getMessage(), e);
        }
    }

    static String page(List<ScenarioResult> results, Instant startedAt) {
        long passed = results.stream().filter(ScenarioResult::passed).count();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Matchflow scenarios: ")
                .append(passed)
                .append(" of ")
                .append(results.size())
                .append(" passed</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>Matchflow scenarios</h1>\n<p>Run started ")
                .append(escape(startedAt.truncatedTo(ChronoUnit.SECONDS).toString()))
                .append(": <span class=\"")
                .append(passed == results.size() ? "pass" : "fail")
                .append("\">")
                .append(passed)
                .append(" of ")
                .append(results.size())
                .append(" scenarios passed</span>.</p>\n");
        html.append(overview(results));
        for (int index = 0; index < results.size(); index++) {
            html.append(scenario(results.get(index), index));
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String overview(List<ScenarioResult> results) {
        StringBuilder table = new StringBuilder(
                "<table>\n<tr><th>scenario</th><th>verdict</th><th>took</th>"
                        + "<th>leaves</th><th>cleaned up</th><th>leaves/s</th><th>p50</th><th>p99</th><th>failures</th></tr>\n");
        for (int index = 0; index < results.size(); index++) {
            ScenarioResult result = results.get(index);
            Optional<RunFigures> figures = result.figures();
            Optional<LatencySummary> latency = figures.flatMap(RunFigures::leaveToCleanup);
            table.append("<tr><td><a href=\"#scenario-")
                    .append(index)
                    .append("\">")
                    .append(escape(result.name()))
                    .append("</a></td>")
                    .append(verdictCell(result.passed()))
                    .append(numberCell(Names.duration(result.took())))
                    .append(numberCell(figures.map(f -> String.format(Locale.ROOT, "%,d", f.leaves()))
                            .orElse("")))
                    .append(numberCell(figures.map(f -> String.format(Locale.ROOT, "%,d", f.cleanedUpLeaves()))
                            .orElse("")))
                    .append(numberCell(figures.map(f -> String.format(Locale.ROOT, "%,.1f", f.leavesPerSecond()))
                            .orElse("")))
                    .append(numberCell(latency.map(l -> Names.duration(l.p50())).orElse("")))
                    .append(numberCell(latency.map(l -> Names.duration(l.p99())).orElse("")))
                    .append(numberCell(Integer.toString(result.failures().size())))
                    .append("</tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    private static String scenario(ScenarioResult result, int index) {
        StringBuilder html = new StringBuilder();
        html.append("<h2 id=\"scenario-")
                .append(index)
                .append("\">")
                .append(escape(result.name()))
                .append(' ')
                .append(verdictSpan(result.passed()))
                .append("</h2>\n");
        html.append("<p>")
                .append(escape(result.file()))
                .append(", seed ")
                .append(result.seed())
                .append(", ")
                .append(escape(result.stack()))
                .append(", took ")
                .append(Names.duration(result.took()))
                .append("</p>\n");
        if (!result.description().isEmpty()) {
            html.append("<p class=\"description\">")
                    .append(escape(result.description()))
                    .append("</p>\n");
        }
        result.error()
                .ifPresent(error -> html.append("<p class=\"fail\">Could not run: ")
                        .append(escape(error))
                        .append("</p>\n"));
        if (!result.steps().isEmpty()) {
            html.append(steps(result.steps()));
        }
        if (!result.invariants().isEmpty()) {
            html.append(invariants(result.invariants()));
        }
        if (!result.expectations().isEmpty()) {
            html.append(expectations(result.expectations()));
        }
        result.figures().ifPresent(figures -> html.append(figures(figures)));
        return html.toString();
    }

    private static String steps(List<StepResult> steps) {
        StringBuilder table = new StringBuilder("<h3>Steps</h3>\n<table>\n<tr><th>#</th><th>step</th><th>line</th>"
                + "<th>verdict</th><th>took</th><th>requests</th><th>what happened</th></tr>\n");
        for (StepResult step : steps) {
            table.append("<tr>")
                    .append(numberCell(Integer.toString(step.number())))
                    .append("<td>")
                    .append(escape(step.label()))
                    .append("</td>")
                    .append(numberCell(step.line() > 0 ? Integer.toString(step.line()) : ""))
                    .append("<td class=\"")
                    .append(step.verdict())
                    .append("\">")
                    .append(step.verdict())
                    .append("</td>")
                    .append(numberCell(Names.duration(step.took())))
                    .append(numberCell(
                            String.format(Locale.ROOT, "%,d", step.tally().total())))
                    .append("<td>")
                    .append(escape(step.detail()))
                    .append("</td></tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    private static String invariants(List<InvariantResult> invariants) {
        StringBuilder table = new StringBuilder("<h3>Invariants at the end</h3>\n<table>\n<tr><th>#</th>"
                + "<th>invariant</th><th>checked</th><th>result</th></tr>\n");
        for (InvariantResult invariant : invariants) {
            table.append("<tr>")
                    .append(numberCell(Integer.toString(invariant.invariant().number())))
                    .append("<td>")
                    .append(escape(invariant.invariant().statement()))
                    .append("</td>")
                    .append(numberCell(Integer.toString(invariant.checked())))
                    .append("<td class=\"")
                    .append(invariant.holds() ? "pass" : "fail")
                    .append("\">")
                    .append(escape(invariant.summary()))
                    .append("</td></tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    private static String expectations(List<ExpectationResult> expectations) {
        StringBuilder table = new StringBuilder("<h3>Expectations</h3>\n<table>\n<tr><th>expected</th><th>line</th>"
                + "<th>where</th><th>met</th><th>found</th></tr>\n");
        for (ExpectationResult expectation : expectations) {
            table.append("<tr><td>")
                    .append(escape(expectation.label()))
                    .append("</td>")
                    .append(numberCell(expectation.line() > 0 ? Integer.toString(expectation.line()) : ""))
                    .append("<td>")
                    .append(expectation.step() > 0 ? "check, step " + expectation.step() : "at the end")
                    .append("</td>")
                    .append(verdictCell(expectation.met()))
                    .append("<td>")
                    .append(escape(expectation.actual()))
                    .append("</td></tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    private static String figures(RunFigures figures) {
        StringBuilder html = new StringBuilder("<h3>Counts at the end</h3>\n<table>\n<tr>");
        Map<String, Integer> counts = figures.state().byName();
        counts.keySet().forEach(name -> html.append("<th>").append(name).append("</th>"));
        html.append("</tr>\n<tr>");
        counts.values().forEach(value -> html.append(numberCell(String.format(Locale.ROOT, "%,d", value))));
        html.append("</tr>\n</table>\n");
        html.append(String.format(
                Locale.ROOT,
                "<h3>Throughput</h3>\n<p>Set-up: %,d requests at %,.0f/s. Steps: %,d requests at %,.0f/s."
                        + " Leaves: %,d, of which %,d cleaned up, at %,.1f leaves/s from the first request to the"
                        + " last cleanup.</p>\n",
                figures.setUpRequests(),
                figures.setUpPerSecond(),
                figures.stepRequests(),
                figures.stepsPerSecond(),
                figures.leaves(),
                figures.cleanedUpLeaves(),
                figures.leavesPerSecond()));
        if (!figures.faults().isEmpty()) {
            html.append(faults(figures.faults(), figures.startedAt()));
        }
        figures.leaveToCleanup()
                .ifPresent(latency -> html.append(latency(latency))
                        .append(LatencyChart.svg(
                                figures.cleanedUp(), figures.faults(), figures.startedAt(), latency.p99())));
        return html.toString();
    }

    private static String faults(List<FaultSpan> faults, Instant start) {
        StringBuilder table = new StringBuilder(
                "<h3>Faults</h3>\n<table>\n<tr><th>fault</th><th>on at</th>" + "<th>off at</th><th>for</th></tr>\n");
        for (FaultSpan fault : faults) {
            table.append("<tr><td>")
                    .append(escape(fault.fault()))
                    .append("</td>")
                    .append(numberCell(Names.duration(Duration.between(start, fault.from()))))
                    .append(numberCell(Names.duration(Duration.between(start, fault.to()))))
                    .append(numberCell(Names.duration(Duration.between(fault.from(), fault.to()))))
                    .append("</tr>\n");
        }
        return table.append("</table>\n<p>Times count from the scenario's start; the chart shades them.</p>\n")
                .toString();
    }

    private static String latency(LatencySummary latency) {
        return "<h3>Leave to cleanup</h3>\n<table>\n<tr><th>leaves</th><th>p50</th><th>p90</th><th>p99</th>"
                + "<th>max</th></tr>\n<tr>" + numberCell(String.format(Locale.ROOT, "%,d", latency.count()))
                + numberCell(Names.duration(latency.p50())) + numberCell(Names.duration(latency.p90()))
                + numberCell(Names.duration(latency.p99())) + numberCell(Names.duration(latency.max()))
                + "</tr>\n</table>\n";
    }

    private static String verdictCell(boolean passed) {
        return "<td>" + verdictSpan(passed) + "</td>";
    }

    private static String verdictSpan(boolean passed) {
        return passed ? "<span class=\"pass\">passed</span>" : "<span class=\"fail\">failed</span>";
    }

    private static String numberCell(String text) {
        return "<td class=\"number\">" + escape(text) + "</td>";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
