package org.taskneurons.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's intra-op thread count, a process-wide setting.
 *
 * <p>Training and prediction start the engine with one thread per op unless the system
 * property {@value #PROPERTY} says otherwise or {@link #setIntraOpThreads} was called first:
 * the networks here are small, the parallelism that pays is across training runs, and on a
 * busy or small machine the thread pool's hand-offs cost more than they save (a 3-class
 * classifier on 300 rows trained 30 times slower with two threads than with one on a two-core
 * machine, mostly in log-softmax). A floating-point reduction may also be split differently
 * with another thread count, so bit-for-bit repeatable runs need the same count.
 */
public final class EngineThreads {
    /** The system property DJL's PyTorch engine reads for its intra-op thread count when it starts. */
    public static final String PROPERTY = "ai.djl.pytorch.num_threads";
    private static final String PYTORCH = "PyTorch";
    private static final AtomicBoolean CONFIGURED = new AtomicBoolean();

    private EngineThreads() {
    }

    /**
     * Sets the number of threads the engine uses inside one op, from now on for the whole process.
     *
     * @return whether the engine supports the setting (PyTorch does)
     */
    public static boolean setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        CONFIGURED.set(true);
        if (!PYTORCH.equals(Engine.getInstance().getEngineName())) {
            return false;
        }
        JniUtils.setNumThreads(threads);
        return true;
    }

    /** The engine's intra-op thread count, or 0 where the engine does not say. */
    public static int intraOpThreads() {
        return PYTORCH.equals(Engine.getInstance().getEngineName()) ? JniUtils.getNumThreads() : 0;
    }

    /** One thread per op, the first time it is asked, unless the property or a caller chose a count. */
    static void applyDefault() {
        if (CONFIGURED.compareAndSet(false, true) && System.getProperty(PROPERTY) == null
                && PYTORCH.equals(Engine.getInstance().getEngineName())) {
            JniUtils.setNumThreads(1);
        }
    }
}
