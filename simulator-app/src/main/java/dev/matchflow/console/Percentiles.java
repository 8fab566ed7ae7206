package dev.matchflow.console;

/** Nearest-rank percentiles of sorted figures. */
public final class Percentiles {

    private Percentiles() {}

    /** The {@code quantile} (0..1) of {@code sorted}, divided by {@code unit}; NaN when there is nothing. */
    public static double of(long[] sorted, double quantile, double unit) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(rank, 0)] / unit;
    }
}
