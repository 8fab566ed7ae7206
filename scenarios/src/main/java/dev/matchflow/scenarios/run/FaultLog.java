package dev.matchflow.scenarios.run;

import dev.matchflow.faults.Fault;
import dev.matchflow.faults.FaultChange;
import dev.matchflow.stack.SystemStack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each fault of a run was on, heard from the stack's fault switches, whoever switched them: a step, a churn's
 * fault windows, or a console.
 */
final class FaultLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultLog.class);

    private final AutoCloseable subscription;
    private final Map<String, FaultChange> open = new LinkedHashMap<>();
    private final List<FaultSpan> closed = new ArrayList<>();

    FaultLog(SystemStack stack) {
        this.subscription = stack.faults().subscribe(this::changed);
    }

    /** Every span so far, in the order they began; those still on end at {@code now}. */
    synchronized List<FaultSpan> spans(Instant now) {
        List<FaultSpan> spans = new ArrayList<>(closed);
        open.values().forEach(on -> spans.add(new FaultSpan(on.fault().describe(), on.at(), now)));
        spans.sort(Comparator.comparing(FaultSpan::from));
        return spans;
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.warn("the fault log could not stop listening to the stack's faults: {}", e.toString());
        }
    }

    private synchronized void changed(FaultChange change) {
        String key = key(change.fault());
        FaultChange before = open.remove(key);
        if (before != null) {
            closed.add(new FaultSpan(before.fault().describe(), before.at(), change.at()));
        }
        if (change.on()) {
            open.put(key, change);
        }
    }

    /** One fault of each kind is on per component at a time; switching one on replaces the one before. */
    private static String key(Fault fault) {
        return fault.component() + "/" + fault.kind();
    }
}
