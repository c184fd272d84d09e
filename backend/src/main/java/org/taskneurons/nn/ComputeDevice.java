package org.taskneurons.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a network trains: the CPU or one GPU. The engine's own device type stays inside this
 * package; the experiment steps and the cluster's workers probe, choose and name devices here.
 *
 * <pre>{@code
 * for (ComputeDevice.Gpu gpu : ComputeDevice.gpus()) {
 *     System.out.println(gpu.device().label() + " " + gpu.memoryBytes());  // gpu(0), then its memory in bytes
 * }
 * Training.builder().setSettings(settings).optDevice(ComputeDevice.preferred()).build();
 * }</pre>
 */
public final class ComputeDevice {
    private static final ComputeDevice CPU = new ComputeDevice(Device.cpu());

    private final Device device;

    private ComputeDevice(Device device) {
        this.device = device;
    }

    public static ComputeDevice cpu() {
        return CPU;
    }

    /** The GPU numbered {@code index} (from 0), whether or not the machine has it. */
    public static ComputeDevice gpu(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("GPU index must be at least 0: " + index);
        }
        return new ComputeDevice(Device.gpu(index));
    }

    /** The device training runs on unless a caller names one: the first GPU where the engine finds one, else the CPU. */
    public static ComputeDevice preferred() {
        return Engine.getInstance().getGpuCount() > 0 ? gpu(0) : cpu();
    }

    /**
     * The GPUs the engine finds, each with its memory where CUDA tells it.
     *
     * @throws IllegalStateException when the engine does not start (no native library, for example)
     */
    public static List<Gpu> gpus() {
        int count;
        try {
            count = Engine.getInstance().getGpuCount();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("the engine did not start (" + e + ")", e);
        }
        List<Gpu> gpus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ComputeDevice gpu = gpu(i);
            long memory;
            try {
                memory = CudaUtils.getGpuMemory(gpu.device).getMax();
            } catch (RuntimeException | UnsatisfiedLinkError unknown) {
                memory = -1;
            }
            gpus.add(new Gpu(gpu, memory));
        }
        return List.copyOf(gpus);
    }

    public boolean isGpu() {
        return device.isGpu();
    }

    /** The device's name as training summaries report it: {@code cpu()} or {@code gpu(0)}. */
    public String label() {
        return device.toString();
    }

    /** The engine's device, for the code in this package that allocates on it. */
    Device djl() {
        return device;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ComputeDevice that && device.equals(that.device);
    }

    @Override
    public int hashCode() {
        return device.hashCode();
    }

    @Override
    public String toString() {
        return label();
    }

    /**
     * A GPU the engine found.
     *
     * @param memoryBytes its memory, or -1 where CUDA does not tell
     */
    public record Gpu(ComputeDevice device, long memoryBytes) {
    }
}
