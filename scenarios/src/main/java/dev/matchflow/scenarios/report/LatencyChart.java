package dev.matchflow.scenarios.report;

import dev.matchflow.scenarios.run.FaultSpan;
import dev.matchflow.scenarios.run.LeaveLatency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG chart of leave-to-cleanup latency over a run: a dot per leave, at the moment it was requested
 * (seconds since the scenario started) and as high as its latency, over shaded bands where faults were on. Very long runs are thinned evenly to at most
 * {@value #MOST_DOTS} dots, so the page stays light; the percentiles next to the chart count every leave.
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

    private LatencyChart() {}

    /** The chart as an {@code <svg>} element; {@code p99} draws a dashed line at that latency. */
    static String svg(List<LeaveLatency> leaves, List<FaultSpan> faults, Instant start, Duration p99) {
        List<LeaveLatency> dots = thinned(leaves);
        double seconds = roundUp(Math.max(
                dots.stream()
                        .mapToDouble(leave -> offsetSeconds(start, leave))
                        .max()
                        .orElse(1),
                faults.stream()
                        .mapToDouble(fault -> seconds(start, fault.to()))
                        .max()
                        .orElse(0)));
        double millis = roundUp(dots.stream()
                .mapToDouble(leave -> leave.latency().toNanos() / 1e6)
                .max()
                .orElse(1));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
                        + " aria-label=\"leave-to-cleanup latency over time\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        faults.forEach(fault -> band(svg, fault, start, seconds));
        axes(svg, seconds, millis);
        double p99Y = y(p99.toNanos() / 1e6, millis);
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"p99\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                        + "<text class=\"p99\" x=\"%d\" y=\"%.1f\">p99</text>%n",
                LEFT,
                p99Y,
                WIDTH - RIGHT,
                p99Y,
                WIDTH - RIGHT - 24,
                p99Y - 4));
        for (LeaveLatency leave : dots) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\"/>",
                    x(offsetSeconds(start, leave), seconds),
                    y(leave.latency().toNanos() / 1e6, millis)));
        }
        return svg.append("\n</svg>\n").toString();
    }

    /** A shaded band from the fault's start to its end, named when hovered. */
    private static void band(StringBuilder svg, FaultSpan fault, Instant start, double maxSeconds) {
        double from = x(Math.max(0, seconds(start, fault.from())), maxSeconds);
        double to = x(seconds(start, fault.to()), maxSeconds);
        svg.append(String.format(
                Locale.ROOT,
                "<rect class=\"fault\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>%n",
                from,
                TOP,
                Math.max(1, to - from),
                HEIGHT - BOTTOM - TOP,
                HtmlReport.escape(fault.fault())));
    }

    private static void axes(StringBuilder svg, double seconds, double millis) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                        + "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                LEFT,
                bottom,
                WIDTH - RIGHT,
                bottom,
                LEFT,
                TOP,
                LEFT,
                bottom));
        for (int tick = 0; tick <= TICKS; tick++) {
            double atSeconds = seconds * tick / TICKS;
            double atMillis = millis * tick / TICKS;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>"
                            + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    x(atSeconds, seconds),
                    bottom + 16,
                    number(atSeconds),
                    LEFT - 6,
                    y(atMillis, millis) + 4,
                    number(atMillis)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds since the scenario started"
                        + " (when the leave was requested)</text>%n"
                        + "<text class=\"label\" x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\""
                        + " text-anchor=\"middle\">leave to cleanup (ms)</text>%n",
                (LEFT + WIDTH - RIGHT) / 2,
                HEIGHT - 6,
                (TOP + bottom) / 2,
                (TOP + bottom) / 2));
    }

    /** The axis' end: {@value #TICKS} ticks of 1, 2, 2.5 or 5 times a power of ten, the first to reach {@code max}. */
    static double roundUp(double max) {
        double rawStep = Math.max(max, 1e-3) / TICKS;
        double power = Math.pow(10, Math.floor(Math.log10(rawStep)));
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * power >= rawStep) {
                return factor * power * TICKS;
            }
        }
        return 10 * power * TICKS;
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

    private static double offsetSeconds(Instant start, LeaveLatency leave) {
        return seconds(start, leave.requestedAt());
    }

    private static double seconds(Instant start, Instant at) {
        return Duration.between(start, at).toNanos() / 1e9;
    }

    private static double x(double seconds, double maxSeconds) {
        return LEFT + (WIDTH - LEFT - RIGHT) * seconds / maxSeconds;
    }

    private static double y(double millis, double maxMillis) {
        return (HEIGHT - BOTTOM) - (HEIGHT - BOTTOM - TOP) * Math.min(millis, maxMillis) / maxMillis;
    }

    private static String number(double value) {
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 1 ? "%.1f" : "%.2f", value);
    }
}
