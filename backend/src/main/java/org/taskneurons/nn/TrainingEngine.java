package org.taskneurons.nn;

import ai.djl.Device;
import org.taskneurons.choice.Choice;

/**
 * Which code trains a network: DJL's engine, or the fused path of {@link FusedNetwork} that
 * computes the forward pass, the backward pass and the update of a whole mini-batch in plain
 * Java over flat arrays. Both start from the same initial weights and visit the rows in the
 * same order; they differ only in rounding (the fused path computes in double, DJL in float).
 */
public enum TrainingEngine implements Choice {
    /** The fused path on the CPU for networks small enough ({@link #fusedPays}), else DJL. */
    AUTO,
    /** DJL's engine: the reference, and the choice for a GPU and for large networks. */
    DJL,
    /** The fused path, on the CPU, whatever the device and size. */
    FUSED;

    /**
     * Up to this many parameters × batch rows per step, the fused path is the faster one on one
     * thread: a DJL step costs about 30 native calls of 5–10 µs each whatever its size, the
     * fused path only its arithmetic, which grows with parameters × rows (plain Java reaches
     * about 1 GFLOP/s, the engine's kernels ten times that on large matrices). Measured with
     * {@code bench train --hidden W,W} at batch 256 on a busy two-core machine: the fused path
     * 2.6× (465 parameters) to 5–11× (171) faster up to about 1.2·10⁵, break-even between
     * 3·10⁵ and 10⁶, DJL 5–7× faster from 5·10⁶ on. The limit sits below the break-even.
     */
    static final long FUSED_WORK_LIMIT = 250_000L;

    /** The engine labelled {@code label} ({@code auto}, {@code djl} or {@code fused}). */
    public static TrainingEngine of(String label) {
        return Choice.of(TrainingEngine.class, label);
    }

    /** The engine that trains {@code network} with batches of {@code batchSize} on {@code device}: DJL or FUSED. */
    public TrainingEngine resolve(Network network, int batchSize, Device device) {
        return switch (this) {
            case DJL, FUSED -> this;
            case AUTO -> Device.Type.CPU.equals(device.getDeviceType()) && fusedPays(network, batchSize) ? FUSED : DJL;
        };
    }

    /** Whether the fused path is the faster one on a CPU: parameters × batch size at most {@link #FUSED_WORK_LIMIT}. */
    static boolean fusedPays(Network network, int batchSize) {
        return (double) network.parameterCount() * batchSize <= FUSED_WORK_LIMIT;
    }
}
