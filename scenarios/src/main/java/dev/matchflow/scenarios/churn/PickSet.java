package dev.matchflow.scenarios.churn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A set that adds, removes and picks an element at random in constant time; its order depends only on its history. */
final class PickSet<T> {

    private final List<T> elements = new ArrayList<>();
    private final Map<T, Integer> positions = new HashMap<>();

    void add(T element) {
        if (!positions.containsKey(element)) {
            positions.put(element, elements.size());
            elements.add(element);
        }
    }

    void remove(T element) {
        Integer position = positions.remove(element);
        if (position == null) {
            return;
        }
        T last = elements.remove(elements.size() - 1);
        if (position < elements.size()) {
            elements.set(position, last);
            positions.put(last, position);
        }
    }

    boolean contains(T element) {
        return positions.containsKey(element);
    }

    boolean isEmpty() {
        return elements.isEmpty();
    }

    int size() {
        return elements.size();
    }

    T pick(SplittableRandom random) {
        return elements.get(random.nextInt(elements.size()));
    }

    /** An element other than {@code other}; the set must hold at least two. */
    T pickOtherThan(T other, SplittableRandom random) {
        T picked = pick(random);
        while (picked.equals(other)) {
            picked = pick(random);
        }
        return picked;
    }
}
