package dev.matchflow.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.collections.ObservableListBase;

/**
 * The newest rows of a live feed, at most a capacity of them, as an observable list for a table: appending a batch
 * to a full list drops its oldest rows in the same change. The rows sit in a ring whose head moves on as rows are
 * dropped, so dropping costs a step per row dropped; a list on an array would shift every row kept, and a table of a
 * hundred thousand rows fed a few thousand a beat would spend its beats copying them. Only appending and clearing
 * change it.
 *
 * @param <T> a row
 */
public final class NewestRows<T> extends ObservableListBase<T> {

    private final Object[] ring;
    private int head;
    private int size;

    public NewestRows(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a table keeps at least one row, not " + capacity);
        }
        ring = new Object[capacity];
    }

    /** Adds {@code batch} after the newest row, dropping the oldest rows beyond the capacity, in one change. */
    public void append(List<T> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<T> kept = batch.size() > capacity() ? batch.subList(batch.size() - capacity(), batch.size()) : batch;
        beginChange();
        dropOldest(Math.max(0, size + kept.size() - capacity()));
        addNewest(kept);
        endChange();
    }

    @Override
    public void clear() {
        if (size == 0) {
            return;
        }
        beginChange();
        dropOldest(size);
        endChange();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        Objects.checkIndex(index, size);
        return (T) ring[slot(index)];
    }

    @Override
    public int size() {
        return size;
    }

    private void dropOldest(int count) {
        if (count == 0) {
            return;
        }
        List<T> dropped = new ArrayList<>(subList(0, count));
        for (int index = 0; index < count; index++) {
            ring[slot(index)] = null;
        }
        head = slot(count);
        size -= count;
        nextRemove(0, dropped);
    }

    private void addNewest(List<T> rows) {
        int from = size;
        for (T row : rows) {
            ring[slot(size)] = row;
            size++;
        }
        nextAdd(from, size);
    }

    private int capacity() {
        return ring.length;
    }

    private int slot(int index) {
        return (head + index) % ring.length;
    }
}
