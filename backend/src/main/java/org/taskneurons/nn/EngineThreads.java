package org.taskneurons.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * How every thread that trains or predicts is set up for the engine: the intra-op thread count,
 * one setting for the whole process, and recording for back-propagation off.
 *
 * <p>Training and prediction start the engine with one thread per op unless the system
 * property {@value #PROPERTY} says otherwise or {@link #setIntraOpThreads} was called first:
 * the networks here are small, the parallelism that pays is across training runs, and on a
 * busy or small machine the thread pool's hand-offs cost more than they save (a 3-class
 * classifier on 300 rows trained 30 times slower with two threads than with one on a two-core
 * machine, mostly in log-softmax). A floating-point reduction may also be split differently
 * with another thread count, so bit-for-bit repeatable runs need the same count.
 *
 * <p>PyTorch keeps the count per thread: a thread that ran an op before the count was set
 * goes on with the count it started with (the machine's cores), while threads that start
 * later take the new one. So the count is applied again on every thread that trains or
 * predicts, the first time it does and whenever the count changed since.
 *
 * <p>PyTorch's grad mode is per thread as well, and on by default: DJL's engine turns it off
 * only on the thread it was loaded on. On a worker's pool thread, every validation pass of a
 * DJL training run would record an autograd graph over the validation rows and never use it.
 * So every thread that trains or predicts turns recording off when it starts the work, and
 * training records only inside a {@link GradientTape}.
 */
public final class EngineThreads {
    /** The system property DJL's PyTorch engine reads for its intra-op thread count when it starts. */
    public static final String PROPERTY = "ai.djl.pytorch.num_threads";
    private static final String PYTORCH = "PyTorch";
    /** The count chosen for the process: 0 until chosen, -1 when the property leaves it to the engine. */
    private static int chosen;
    /** The count this thread last applied, 0 for none. */
    private static final ThreadLocal<Integer> APPLIED = ThreadLocal.withInitial(() -> 0);

    private EngineThreads() {
    }

    /**
     * Sets the number of threads the engine uses inside one op, from now on for the whole
     * process (each other thread takes it at its next training or prediction).
     *
     * @return whether the engine supports the setting (PyTorch does)
     */
    public static boolean setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        synchronized (EngineThreads.class) {
            chosen = threads;
        }
        if (!PYTORCH.equals(Engine.getInstance().getEngineName())) {
            return false;
        }
        apply(threads);
        return true;
    }

    /** The engine's intra-op thread count on this thread, or 0 where the engine does not say. */
    public static int intraOpThreads() {
        return PYTORCH.equals(Engine.getInstance().getEngineName()) ? JniUtils.getNumThreads() : 0;
    }

    /**
     * Sets this thread up for training or prediction: recording off, and the process's count
     * (one thread per op unless the property or a caller chose otherwise). Called where a run or
     * a prediction starts, never inside a {@link GradientTape}.
     */
    static void prepare() {
        if (!PYTORCH.equals(Engine.getInstance().getEngineName())) {
            return;
        }
        JniUtils.setGradMode(false);
        int threads;
        synchronized (EngineThreads.class) {
            if (chosen == 0) {
                chosen = System.getProperty(PROPERTY) == null ? 1 : -1;
            }
            threads = chosen;
        }
        if (threads > 0) {
            apply(threads);
        }
    }

    private static void apply(int threads) {
        if (APPLIED.get() != threads) {
            JniUtils.setNumThreads(threads);
            APPLIED.set(threads);
        }
    }
}
