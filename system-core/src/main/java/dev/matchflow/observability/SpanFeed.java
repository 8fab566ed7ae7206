package dev.matchflow.observability;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every ended span to the observers of this process, on the thread that ended it. Observers must be
 * quick (queue the span and return); one that throws is logged and the others still get the span.
 */
public final class SpanFeed implements SpanProcessor {

    private static final Logger log = LoggerFactory.getLogger(SpanFeed.class);

    private final List<Consumer<SpanData>> observers = new CopyOnWriteArrayList<>();

    public void subscribe(Consumer<SpanData> observer) {
        observers.add(observer);
    }

    public void unsubscribe(Consumer<SpanData> observer) {
        observers.remove(observer);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        // Only ended spans are of interest: they carry their duration and outcome.
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        SpanData data = span.toSpanData();
        for (Consumer<SpanData> observer : observers) {
            notify(observer, data);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        observers.clear();
        return CompletableResultCode.ofSuccess();
    }

    private static void notify(Consumer<SpanData> observer, SpanData span) {
        try {
            observer.accept(span);
        } catch (RuntimeException e) {
            log.warn(
                    "A span observer failed on span {} of trace {}; the others still get it",
                    span.getName(),
                    span.getTraceId(),
                    e);
        }
    }
}
