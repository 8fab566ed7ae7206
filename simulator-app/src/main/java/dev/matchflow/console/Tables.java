package dev.matchflow.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.TableColumn;

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

    /** Adds {@code batch} to {@code rows}, dropping the oldest rows beyond {@code capacity}. */
    public static <T> void append(ObservableList<T> rows, List<T> batch, int capacity) {
        rows.addAll(batch);
        int excess = rows.size() - capacity;
        if (excess > 0) {
            rows.remove(0, excess);
        }
    }
}
