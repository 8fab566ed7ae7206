package dev.matchflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's figures as one plain-text table: a row per measure, a column per backend and, with two backends,
 * a column with the first backend's figure divided by the second's.
 */
final class BenchTable {

    private static final int LABEL_WIDTH = 40;
    private static final int COLUMN_WIDTH = 18;

    private BenchTable() {}

    static String render(PubSubBenchmark.Settings settings, List<BackendResult> results) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                "Pub/Sub benchmark: %,d messages per phase (about 150 bytes, 4 attributes), streaming pull with acks,"
                        + " warm-up excluded%n%n",
                settings.messages()));
        table.append(header(results));
        rows(settings).forEach(row -> table.append(line(row, results)));
        results.stream()
                .filter(result ->
                        !result.flatOut().complete() || !result.paced().complete())
                .forEach(result -> table.append(incompleteNote(result)));
        return table.toString();
    }

    private record Row(String label, ToDoubleFunction<BackendResult> figure, String format) {}

    private static List<Row> rows(PubSubBenchmark.Settings settings) {
        String paced = String.format(Locale.ROOT, "at %,d msg/s: ", settings.rate());
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("start-up (ms)", result -> result.startup(), "%,.0f"));
        rows.add(new Row("flat out: publish (msg/s)", result -> result.flatOut().publishPerSecond(), "%,.0f"));
        rows.add(new Row(
                "flat out: end to end (msg/s)", result -> result.flatOut().endToEndPerSecond(), "%,.0f"));
        rows.add(new Row(
                "flat out: latency median (ms)",
                result -> millis(result.flatOut().latency().medianMicros()),
                "%,.2f"));
        rows.add(new Row(
                "flat out: latency p99 (ms)",
                result -> millis(result.flatOut().latency().p99Micros()),
                "%,.2f"));
        rows.add(new Row(paced + "publish (msg/s)", result -> result.paced().publishPerSecond(), "%,.0f"));
        rows.add(new Row(
                paced + "latency median (ms)",
                result -> millis(result.paced().latency().medianMicros()),
                "%,.2f"));
        rows.add(new Row(
                paced + "latency p99 (ms)",
                result -> millis(result.paced().latency().p99Micros()),
                "%,.2f"));
        return rows;
    }

    private static String header(List<BackendResult> results) {
        StringBuilder header = new StringBuilder(pad("", LABEL_WIDTH));
        results.forEach(result -> header.append(padLeft(result.backend().id(), COLUMN_WIDTH)));
        if (results.size() == 2) {
            header.append(padLeft(
                    results.get(0).backend().id() + " / "
                            + results.get(1).backend().id(),
                    32));
        }
        return header.append(System.lineSeparator()).toString();
    }

    private static String line(Row row, List<BackendResult> results) {
        StringBuilder line = new StringBuilder(pad(row.label(), LABEL_WIDTH));
        results.forEach(result -> line.append(
                padLeft(String.format(Locale.ROOT, row.format(), row.figure().applyAsDouble(result)), COLUMN_WIDTH)));
        if (results.size() == 2) {
            double ratio =
                    row.figure().applyAsDouble(results.get(0)) / row.figure().applyAsDouble(results.get(1));
            line.append(padLeft(String.format(Locale.ROOT, "%.2fx", ratio), 32));
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static String incompleteNote(BackendResult result) {
        return String.format(
                Locale.ROOT,
                "%n%s did not deliver every message in time: flat out %,d of %,d, paced %,d of %,d;"
                        + " its figures cover what arrived.%n",
                result.backend(),
                result.flatOut().received(),
                result.flatOut().expected(),
                result.paced().received(),
                result.paced().expected());
    }

    private static double millis(double micros) {
        return micros / 1_000.0;
    }

    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", text);
    }

    private static String padLeft(String text, int width) {
        return String.format(Locale.ROOT, "%" + width + "s", text);
    }
}
