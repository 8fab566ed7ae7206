package dev.matchflow.scenarios.report;

import dev.matchflow.scenarios.run.FaultSpan;
import dev.matchflow.scenarios.run.LeaveLatency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/**
 * An inline SVG chart of leave-to-cleanup latency over a run: a dot per leave, at the moment it was requested
 * (seconds since the scenario started) and as high as its latency, over shaded bands where faults were on. The time
 * axis spans the leaves and faults only, so a long set-up does not squeeze them. Very long runs are thinned evenly
 * to at most {@value #MOST_DOTS} dots, so the page stays light; the percentiles next to the chart count every leave.
 * Colours are attributes, not style sheet rules, so the chart looks the same wherever it is shown.
 */
final class LatencyChart {

    static final int MOST_DOTS = 4_000;

    private static final int WIDTH = 760;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    private static final int TICKS = 5;

    /**
     * One axis: from {@code start}, {@value #TICKS} ticks {@code step} apart.
     *
     * @param start the value at the axis' origin
     * @param step the distance between ticks, 1, 2, 2.5 or 5 times a power of ten
     */
    record Axis(double start, double step) {

        /** The axis that shows {@code low} to {@code high} on round ticks. */
        static Axis spanning(double low, double high) {
            double raw = Math.max(high - low, 1e-3) / TICKS;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double factor : new double[] {1, 2, 2.5, 5, 10, 20, 25, 50}) {
                double step = factor * power;
                double start = Math.floor(low / step) * step;
                if (start + step * TICKS >= high) {
                    return new Axis(start, step);
                }
            }
            return new Axis(0, Math.ceil(high / TICKS));
        }

        double end() {
            return start + step * TICKS;
        }

        /** Where {@code value} falls, from 0 at the start to 1 at the end. */
        double share(double value) {
            return Math.max(0, Math.min(1, (value - start) / (end() - start)));
        }
    }

    private LatencyChart() {}

    /** The chart as an {@code <svg>} element; {@code p99} draws a dashed line at that latency. */
    static String svg(List<LeaveLatency> leaves, List<FaultSpan> faults, Instant start, Duration p99) {
        List<LeaveLatency> dots = thinned(leaves);
        double[] times = Stream.concat(
                        dots.stream().map(LeaveLatency::requestedAt),
                        faults.stream().flatMap(fault -> Stream.of(fault.from(), fault.to())))
                .mapToDouble(at -> seconds(start, at))
                .toArray();
        Axis time = Axis.spanning(
                DoubleStream.of(times).min().orElse(0),
                DoubleStream.of(times).max().orElse(1));
        Axis latency = Axis.spanning(
                0, dots.stream().mapToDouble(LatencyChart::millis).max().orElse(1));
        StringBuilder svg = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
                        + " height=\"%d\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\""
                        + " aria-label=\"leave-to-cleanup latency over time\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        faults.forEach(fault -> band(svg, fault, start, time));
        axes(svg, time, latency);
        double p99Y = y(p99.toNanos() / 1e6, latency);
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#b00020\" stroke-dasharray=\"4 3\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" fill=\"#b00020\">p99</text>%n",
                LEFT,
                p99Y,
                WIDTH - RIGHT,
                p99Y,
                WIDTH - RIGHT - 24,
                p99Y - 4));
        for (LeaveLatency leave : dots) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#3366cc\" fill-opacity=\"0.6\"/>",
                    x(seconds(start, leave.requestedAt()), time),
                    y(millis(leave), latency)));
        }
        return svg.append("\n</svg>\n").toString();
    }

    /** A shaded band from the fault's start to its end, named when hovered. */
    private static void band(StringBuilder svg, FaultSpan fault, Instant start, Axis time) {
        double from = x(seconds(start, fault.from()), time);
        double to = x(seconds(start, fault.to()), time);
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f5a623\" fill-opacity=\"0.18\">"
                        + "<title>%s</title></rect>%n",
                from,
                TOP,
                Math.max(1, to - from),
                HEIGHT - BOTTOM - TOP,
                HtmlReport.escape(fault.fault())));
    }

    private static void axes(StringBuilder svg, Axis time, Axis latency) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>%n",
                LEFT,
                bottom,
                WIDTH - RIGHT,
                bottom,
                LEFT,
                TOP,
                LEFT,
                bottom));
        for (int tick = 0; tick <= TICKS; tick++) {
            double atSeconds = time.start() + time.step() * tick;
            double atMillis = latency.start() + latency.step() * tick;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%s</text>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#444\">%s</text>%n",
                    x(atSeconds, time),
                    bottom + 16,
                    number(atSeconds),
                    LEFT - 6,
                    y(atMillis, latency) + 4,
                    number(atMillis)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">seconds since the scenario started"
                        + " (when the leave was requested)</text>%n"
                        + "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\""
                        + " fill=\"#444\">leave to cleanup (ms)</text>%n",
                (LEFT + WIDTH - RIGHT) / 2,
                HEIGHT - 6,
                (TOP + bottom) / 2,
                (TOP + bottom) / 2));
    }

    private static List<LeaveLatency> thinned(List<LeaveLatency> leaves) {
        if (leaves.size() <= MOST_DOTS) {
            return leaves;
        }
        List<LeaveLatency> kept = new ArrayList<>(MOST_DOTS);
        double stride = leaves.size() / (double) MOST_DOTS;
        for (int dot = 0; dot < MOST_DOTS; dot++) {
            kept.add(leaves.get((int) (dot * stride)));
        }
        return kept;
    }

    private static double millis(LeaveLatency leave) {
        return leave.latency().toNanos() / 1e6;
    }

    private static double seconds(Instant start, Instant at) {
        return Duration.between(start, at).toNanos() / 1e9;
    }

    private static double x(double seconds, Axis time) {
        return LEFT + (WIDTH - LEFT - RIGHT) * time.share(seconds);
    }

    private static double y(double millis, Axis latency) {
        return (HEIGHT - BOTTOM) - (HEIGHT - BOTTOM - TOP) * latency.share(millis);
    }

    private static String number(double value) {
        if (Math.abs(value - Math.rint(value)) < 1e-9) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 1 ? "%.1f" : "%.2f", value);
    }
}
