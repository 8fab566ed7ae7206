package dev.matchflow.console.metrics;

import dev.matchflow.console.UiBatch;
import dev.matchflow.console.UiLatest;
import dev.matchflow.stack.FlowEvent;
import dev.matchflow.stack.StackSnapshot;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.util.Duration;

/** The metrics screen: four live charts of the last {@link #POINTS} seconds. */
public final class MetricsView {

    /** How many seconds the charts show. */
    public static final int POINTS = 120;

    private final MetricsSampler sampler = new MetricsSampler();
    private final GridPane root = new GridPane();
    private final Series published = new Series("published / s", MetricsSample::published);
    private final Series backlog = new Series("backlog", MetricsSample::backlog);
    private final Series inFlight = new Series("in flight", MetricsSample::inFlight);
    private final Series invocations = new Series("invocations / s", MetricsSample::invocations);
    private final Series errors = new Series("errors / s", MetricsSample::errors);
    private final Series median = new Series("median ms", MetricsSample::latencyMedianMillis);
    private final Series p99 = new Series("p99 ms", MetricsSample::latencyP99Millis);
    private boolean showing;
    private final Timeline everySecond = new Timeline(new KeyFrame(Duration.seconds(1), tick -> sample()));

    public MetricsView(UiBatch<FlowEvent> events, UiLatest<StackSnapshot> snapshots) {
        events.subscribe(sampler::record);
        snapshots.subscribe(sampler::record);
        root.setId("metrics");
        root.setHgap(8);
        root.setVgap(8);
        root.setPadding(new Insets(8));
        root.add(chart("Publish rate", "metrics-publish", published), 0, 0);
        root.add(chart("Subscription backlog", "metrics-backlog", backlog, inFlight), 1, 0);
        root.add(chart("Function invocations and errors", "metrics-function", invocations, errors), 0, 1);
        root.add(chart("Leave-to-cleanup latency (last 30 s)", "metrics-latency", median, p99), 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            root.getColumnConstraints().add(column);
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            root.getRowConstraints().add(row);
        }
        everySecond.setCycleCount(Animation.INDEFINITE);
        everySecond.play();
    }

    public GridPane node() {
        return root;
    }

    /**
     * Whether the charts are on screen. Hidden charts keep their figures but are not redrawn, since laying out a
     * chart every second costs the FX thread even where nobody looks; they catch up when shown.
     */
    public void setShowing(boolean showing) {
        this.showing = showing;
        if (showing) {
            allSeries().forEach(Series::catchUp);
        }
    }

    /** The figures charted last; for tests. */
    public MetricsSample lastSample() {
        return published.last;
    }

    /** Empties the charts, as after a reset. */
    public void clear() {
        sampler.clear();
        allSeries().forEach(Series::clear);
    }

    private void sample() {
        MetricsSample sample = sampler.sample(Instant.now());
        allSeries().forEach(series -> series.add(sample, showing));
    }

    private List<Series> allSeries() {
        return List.of(published, backlog, inFlight, invocations, errors, median, p99);
    }

    private static LineChart<Number, Number> chart(String title, String id, Series... series) {
        NumberAxis seconds = new NumberAxis();
        seconds.setLabel("seconds");
        seconds.setForceZeroInRange(false);
        NumberAxis values = new NumberAxis();
        LineChart<Number, Number> chart = new LineChart<>(seconds, values);
        chart.setTitle(title);
        chart.setId(id);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        for (Series one : series) {
            chart.getData().add(one.data);
        }
        return chart;
    }

    /** One line of a chart: a figure of every sample, the last {@link #POINTS} of them. */
    private static final class Series {

        private final XYChart.Series<Number, Number> data = new XYChart.Series<>();
        private final ToDoubleFunction<MetricsSample> figure;
        private final Deque<MetricsSample> samples = new ArrayDeque<>();
        private MetricsSample last;

        Series(String name, ToDoubleFunction<MetricsSample> figure) {
            this.figure = figure;
            data.setName(name);
        }

        void add(MetricsSample sample, boolean draw) {
            last = sample;
            samples.addLast(sample);
            if (samples.size() > POINTS) {
                samples.removeFirst();
            }
            if (draw) {
                plot(List.of(sample));
                trim();
            }
        }

        void catchUp() {
            data.getData().clear();
            plot(samples);
        }

        void clear() {
            samples.clear();
            last = null;
            data.getData().clear();
        }

        private void plot(Iterable<MetricsSample> toPlot) {
            List<XYChart.Data<Number, Number>> points = new ArrayList<>();
            for (MetricsSample sample : toPlot) {
                double value = figure.applyAsDouble(sample);
                if (!Double.isNaN(value)) {
                    points.add(new XYChart.Data<>(sample.second(), value));
                }
            }
            data.getData().addAll(points);
        }

        private void trim() {
            int excess = data.getData().size() - POINTS;
            if (excess > 0) {
                data.getData().remove(0, excess);
            }
        }
    }
}
