package dev.matchflow.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Small helpers the screens' tables share. */
public final class Tables {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    /** Every table row has this height, so tables lay rows out without measuring them. */
    public static final double ROW_HEIGHT = 26;

    private Tables() {}

    /** A read-only column showing what {@code value} makes of a row. */
    public static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** {@code 10:31:02.123} in the local time zone. */
    public static String clock(Instant at) {
        return CLOCK.format(at);
    }

    /** The first eight characters of an id, enough to tell ids apart on screen; empty for none. */
    public static String shortId(Object id) {
        if (id == null) {
            return "";
        }
        String text = id.toString();
        return text.length() > 8 ? text.substring(0, 8) : text;
    }

    /**
     * Adds {@code batch} to {@code rows}, dropping the oldest rows beyond {@code capacity}. A full table drops a tenth
     * of its capacity at once, in one change that replaces its rows: an observable list removes rows at its head one
     * at a time, each shifting every row after it, which for a hundred thousand rows costs far more than copying them
     * once; and every change makes the table lay itself out again. A row selected then is no longer selected.
     */
    public static <T> void append(ObservableList<T> rows, List<T> batch, int capacity) {
        int excess = rows.size() + batch.size() - capacity;
        if (excess <= 0) {
            rows.addAll(batch);
            return;
        }
        int dropped = Math.min(rows.size(), excess + capacity / 10);
        List<T> kept = new ArrayList<>(rows.size() - dropped + batch.size());
        kept.addAll(rows.subList(dropped, rows.size()));
        kept.addAll(batch);
        rows.setAll(kept);
    }

    /**
     * Scrolls {@code table} to its last row when the table is on screen. A table on a screen not shown is left alone:
     * scrolling it would lay it out on every batch for nobody; it follows again with the first batch after it is shown.
     */
    public static void followNewest(TableView<?> table, int rowCount) {
        if (rowCount > 0 && isShown(table)) {
            table.scrollTo(rowCount - 1);
        }
    }

    private static boolean isShown(Node node) {
        for (Node each = node; each != null; each = each.getParent()) {
            if (!each.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }
}
