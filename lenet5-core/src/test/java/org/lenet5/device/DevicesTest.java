package org.lenet5.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the real TensorFlow of the test class path reports (the CPU build, on our machines). */
class DevicesTest {

  @Test
  void theCpuBuildSeesOneCpuAndNoGpu() {
    assertThat(Devices.isGpuBuild()).isFalse();
    assertThat(Devices.available())
        .anyMatch(device -> device.type().equals("CPU") && device.shortName().equals("CPU:0"))
        .noneMatch(AvailableDevice::isGpu);
  }

  @Test
  void autoRunsOnTheCpuHereWithoutAWarning() {
    Placement placement =
        Placement.resolve(DeviceChoice.AUTO, Devices.available(), Devices.isGpuBuild(), 0);

    assertThat(placement.device().isGpu()).isFalse();
    assertThat(placement.warning()).isEmpty();
  }
}
