package org.lenet5.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lenet5.Lenet5Exception;
import org.lenet5.SettingException;
import org.tensorflow.proto.ConfigProto;

/**
 * Device resolution and the session options it produces. The device lists are what TensorFlow
 * reports on machines with GPUs; ours have none, so they are written out here.
 */
class PlacementTest {

  private static final AvailableDevice CPU =
      new AvailableDevice("/job:localhost/replica:0/task:0/device:CPU:0", "CPU", 268435456);
  private static final AvailableDevice GPU0 =
      new AvailableDevice("/job:localhost/replica:0/task:0/device:GPU:0", "GPU", 14_000_000_000L);
  private static final AvailableDevice GPU1 =
      new AvailableDevice("/job:localhost/replica:0/task:0/device:GPU:1", "GPU", 14_000_000_000L);

  @Test
  void autoTakesTheFirstGpuAndLetsItsMemoryGrow() {
    Placement placement =
        Placement.resolve(DeviceChoice.AUTO, List.of(CPU, GPU0, GPU1), true, 0);

    assertThat(placement.device()).isEqualTo(GPU0);
    assertThat(placement.warning()).isEmpty();
    ConfigProto config = placement.config();
    assertThat(config.getGpuOptions().getAllowGrowth()).isTrue();
    assertThat(config.getGpuOptions().getVisibleDeviceList()).isEqualTo("0");
    assertThat(config.getGpuOptions().getPerProcessGpuMemoryFraction()).isZero();
    assertThat(config.getAllowSoftPlacement()).isTrue();
    assertThat(placement.describe()).isEqualTo("Device: GPU:0 (TensorFlow sees CPU:0, GPU:0, GPU:1)");
  }

  @Test
  void gpuNShowsOnlyThatGpuAndCapsItsMemoryWhenAsked() {
    Placement placement =
        Placement.resolve(DeviceChoice.parse("gpu:1"), List.of(CPU, GPU0, GPU1), true, 0.5);

    assertThat(placement.device()).isEqualTo(GPU1);
    assertThat(placement.config().getGpuOptions().getVisibleDeviceList()).isEqualTo("1");
    assertThat(placement.config().getGpuOptions().getPerProcessGpuMemoryFraction()).isEqualTo(0.5);
  }

  @Test
  void cpuHidesTheGpus() {
    Placement placement =
        Placement.resolve(DeviceChoice.parse("cpu"), List.of(CPU, GPU0), true, 0);

    assertThat(placement.device()).isEqualTo(CPU);
    assertThat(placement.config().getDeviceCountMap()).containsEntry("GPU", 0);
  }

  @Test
  void autoFallsBackToTheCpuWarningOnlyWhenTheGpuBuildFoundNoGpu() {
    Placement gpuBuild = Placement.resolve(DeviceChoice.AUTO, List.of(CPU), true, 0);
    Placement cpuBuild = Placement.resolve(DeviceChoice.AUTO, List.of(CPU), false, 0);

    assertThat(gpuBuild.device()).isEqualTo(CPU);
    assertThat(gpuBuild.warning()).hasValueSatisfying(
        warning -> assertThat(warning).contains("found no usable GPU; training on the CPU")
            .contains("CUDA 12").contains("cuDNN 9"));
    assertThat(cpuBuild.device()).isEqualTo(CPU);
    assertThat(cpuBuild.warning()).isEmpty();
  }

  @Test
  void gpuWithoutAGpuSaysWhatIsMissing() {
    assertThatThrownBy(() -> Placement.resolve(DeviceChoice.parse("gpu"), List.of(CPU), false, 0))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("this is the CPU build")
        .hasMessageContaining("TensorFlow's GPU artifact and install an NVIDIA driver")
        .hasMessageEndingWith("set RunSettings.Builder.device(…) to auto or cpu");
    assertThatThrownBy(() -> Placement.resolve(DeviceChoice.parse("gpu"), List.of(CPU), true, 0))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessageContaining("GPU build found no usable GPU")
        .hasMessageContaining("NVIDIA driver that supports CUDA 12");
    assertThatThrownBy(
            () -> Placement.resolve(DeviceChoice.parse("gpu:2"), List.of(CPU, GPU0, GPU1), true, 0))
        .isInstanceOf(Lenet5Exception.class)
        .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.message(setting -> "--" + setting))
            .isEqualTo("there is no GPU 2: TensorFlow sees 2 GPU(s), numbered from 0; set"
                + " --device to gpu:0 to gpu:1"));
  }
}
