package dev.matchflow.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
