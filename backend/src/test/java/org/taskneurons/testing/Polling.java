package org.taskneurons.testing;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in a test for a condition, with a deadline, never for a fixed time. */
public final class Polling {
    private static final long INTERVAL_MS = 20;

    private Polling() {
    }

    /** Returns as soon as {@code condition} holds; fails naming {@code what} once {@code timeout} has passed. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not reached within " + timeout);
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting until " + what, e);
            }
        }
    }
}
