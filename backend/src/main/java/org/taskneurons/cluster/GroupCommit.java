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
 * @param <R> the operation's answer for one item
 */
final class GroupCommit<T, R> {
    private final int maxBatch;
    private final Function<List<T>, Future<List<R>>> operation;
    private final BiConsumer<T, R> settled;
    private final BiConsumer<T, Throwable> failed;
    private final Deque<T> waiting = new ArrayDeque<>();
    private boolean running;

    /**
     * The items of a batch are answered after the next batch has started.
     *
     * @param operation runs one batch, answering each item in order
     * @param settled   answers an item with its answer
     * @param failed    answers an item of a batch whose operation failed
     */
    GroupCommit(int maxBatch, Function<List<T>, Future<List<R>>> operation, BiConsumer<T, R> settled,
            BiConsumer<T, Throwable> failed) {
        this.maxBatch = maxBatch;
        this.operation = operation;
        this.settled = settled;
        this.failed = failed;
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
        Future<List<R>> outcome;
        try {
            outcome = operation.apply(batch);
        } catch (RuntimeException e) {
            outcome = Future.failedFuture(e);
        }
        outcome.onComplete(done -> {
            next();
            settle(batch, done);
        });
    }

    private void settle(List<T> batch, AsyncResult<List<R>> done) {
        for (int i = 0; i < batch.size(); i++) {
            if (done.failed()) {
                failed.accept(batch.get(i), done.cause());
            } else {
                settled.accept(batch.get(i), done.result().get(i));
            }
        }
    }
}
