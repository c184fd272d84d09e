package org.taskneurons.cluster;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One store operation at a time over whatever arrived while the last one ran: an item that
 * finds nothing running starts a batch of its own at once, and under load each operation
 * carries every item that waited (at most {@code maxBatch}), so a busy scheduler pays for one
 * transaction per batch instead of one per item. Confined to one context.
 *
 * @param <T> what waits: a request and the message to answer
 * @param <R> the operation's answer for a whole batch
 */
final class GroupCommit<T, R> {
    private final int maxBatch;
    private final Function<List<T>, Future<R>> operation;
    private final BiConsumer<List<T>, AsyncResult<R>> settle;
    private final Deque<T> waiting = new ArrayDeque<>();
    private boolean running;

    /**
     * @param operation runs one batch
     * @param settle    answers a batch's items from the operation's outcome, after the next
     *                  batch has started
     */
    GroupCommit(int maxBatch, Function<List<T>, Future<R>> operation, BiConsumer<List<T>, AsyncResult<R>> settle) {
        this.maxBatch = maxBatch;
        this.operation = operation;
        this.settle = settle;
    }

    void add(T item) {
        waiting.add(item);
        if (!running) {
            next();
        }
    }

    private void next() {
        List<T> batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
        while (!waiting.isEmpty() && batch.size() < maxBatch) {
            batch.add(waiting.poll());
        }
        running = !batch.isEmpty();
        if (!running) {
            return;
        }
        Future<R> outcome;
        try {
            outcome = operation.apply(batch);
        } catch (RuntimeException e) {
            outcome = Future.failedFuture(e);
        }
        outcome.onComplete(done -> {
            next();
            settle.accept(batch, done);
        });
    }
}
