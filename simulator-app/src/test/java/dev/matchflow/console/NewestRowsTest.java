package dev.matchflow.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import org.junit.jupiter.api.Test;

class NewestRowsTest {

    @Test
    void keepsTheNewestRowsUpToItsCapacityInOrder() {
        NewestRows<Integer> rows = new NewestRows<>(5);

        rows.append(List.of(1, 2, 3));
        rows.append(List.of(4, 5, 6, 7));

        assertThat(rows).containsExactly(3, 4, 5, 6, 7);
    }

    @Test
    void aBatchLargerThanTheCapacityKeepsItsNewestRows() {
        NewestRows<Integer> rows = new NewestRows<>(3);
        rows.append(List.of(1, 2));

        rows.append(List.of(3, 4, 5, 6, 7));

        assertThat(rows).containsExactly(5, 6, 7);
    }

    @Test
    void dropsAndAddsInOneChangeThatAListenerCanReplay() {
        NewestRows<Integer> rows = new NewestRows<>(4);
        rows.append(List.of(1, 2, 3));
        List<Integer> replayed = new ArrayList<>(rows);
        List<String> changes = new ArrayList<>();
        rows.addListener((ListChangeListener<Integer>) change -> {
            changes.add("change");
            replay(change, replayed);
        });

        rows.append(List.of(4, 5, 6));

        assertThat(changes).hasSize(1);
        assertThat(replayed).containsExactly(3, 4, 5, 6).isEqualTo(rows);
    }

    @Test
    void aFilteredViewAndAReplayingListenerFollowEveryAppendAndClear() {
        NewestRows<Integer> rows = new NewestRows<>(1_000);
        FilteredList<Integer> even = new FilteredList<>(rows, row -> row % 2 == 0);
        List<Integer> replayed = new ArrayList<>();
        rows.addListener((ListChangeListener<Integer>) change -> replay(change, replayed));
        List<Integer> expected = new ArrayList<>();
        Random random = new Random(7);
        int next = 0;

        for (int round = 0; round < 500; round++) {
            if (random.nextInt(50) == 0) {
                rows.clear();
                expected.clear();
            } else {
                int start = next;
                List<Integer> batch = IntStream.range(start, start + random.nextInt(400))
                        .boxed()
                        .toList();
                next += batch.size();
                rows.append(batch);
                expected.addAll(batch);
                expected.subList(0, Math.max(0, expected.size() - 1_000)).clear();
            }

            assertThat(rows).isEqualTo(expected);
            assertThat(replayed).isEqualTo(expected);
            assertThat(even)
                    .isEqualTo(expected.stream().filter(row -> row % 2 == 0).toList());
        }
    }

    @Test
    void refusesAnIndexOutsideItsRows() {
        NewestRows<String> rows = new NewestRows<>(2);
        rows.append(List.of("a", "b", "c"));

        assertThat(rows.get(0)).isEqualTo("b");
        assertThatThrownBy(() -> rows.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new NewestRows<>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void replay(ListChangeListener.Change<? extends Integer> change, List<Integer> replayed) {
        while (change.next()) {
            replayed.subList(change.getFrom(), change.getFrom() + change.getRemovedSize())
                    .clear();
            replayed.addAll(change.getFrom(), change.getAddedSubList());
        }
    }
}
