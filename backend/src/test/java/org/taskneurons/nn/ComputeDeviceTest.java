package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ComputeDeviceTest {
    @Test
    void namesDevicesAsTrainingSummariesReportThem() {
        assertThat(ComputeDevice.cpu().label()).isEqualTo("cpu()");
        assertThat(ComputeDevice.gpu(1).label()).isEqualTo("gpu(1)");
        assertThat(ComputeDevice.cpu().isGpu()).isFalse();
        assertThat(ComputeDevice.gpu(0).isGpu()).isTrue();
        assertThat(ComputeDevice.gpu(2)).isEqualTo(ComputeDevice.gpu(2)).isNotEqualTo(ComputeDevice.gpu(3));
    }

    @Test
    void rejectsANegativeGpuIndex() {
        assertThatThrownBy(() -> ComputeDevice.gpu(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GPU index must be at least 0: -1");
    }

    @Test
    void prefersTheFirstGpuTheProbeFinds() {
        var gpus = ComputeDevice.gpus();
        assertThat(gpus).extracting(ComputeDevice.Gpu::device).allMatch(ComputeDevice::isGpu);
        assertThat(ComputeDevice.preferred()).isEqualTo(gpus.isEmpty() ? ComputeDevice.cpu() : gpus.get(0).device());
    }
}
