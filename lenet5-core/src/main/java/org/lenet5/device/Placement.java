package org.lenet5.device;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.lenet5.SettingException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * A resolved device choice: the device that runs the model and the session configuration that
 * puts it there.
 *
 * <p>On a GPU, TensorFlow places every op that has a GPU kernel there by itself; the configuration
 * makes only the chosen GPU visible, lets its memory grow as needed instead of taking it all
 * (optionally capped to a fraction), and lets the few ops without a GPU kernel fall back to the
 * CPU. On the CPU, GPUs are hidden from the session.
 *
 * @param device the device the model runs on
 * @param available every device TensorFlow sees
 * @param config the session configuration to use
 * @param warning a message for the user when {@code auto} fell back to the CPU
 */
public record Placement(
    AvailableDevice device,
    List<AvailableDevice> available,
    ConfigProto config,
    Optional<String> warning) {

  /** The setting a device message names: {@code RunSettings.Builder.device}. */
  private static final String DEVICE = "device";

  /** What to install for a GPU, shared by every message that needs it. */
  public static final String GPU_REQUIREMENTS =
      "an NVIDIA driver that supports CUDA 12, the CUDA 12 runtime and cuDNN 9 on the library"
          + " path (see docs/gpu.md)";

  /**
   * Resolves a choice against what TensorFlow sees.
   *
   * @param gpuBuild whether TensorFlow's CUDA build is the one loaded
   * @param memoryFraction the largest share of the GPU's memory to use, or 0 for no cap
   * @throws SettingException naming the device setting if a GPU was asked for and there is none,
   *     or not that one
   */
  public static Placement resolve(
      DeviceChoice choice, List<AvailableDevice> available, boolean gpuBuild,
      double memoryFraction) {
    List<AvailableDevice> gpus = available.stream().filter(AvailableDevice::isGpu).toList();
    AvailableDevice cpu =
        available.stream().filter(device -> !device.isGpu()).findFirst().orElseThrow(
            () -> new IllegalStateException("TensorFlow lists no CPU device: " + available));
    switch (choice.kind()) {
      case CPU:
        return new Placement(cpu, available, cpuConfig(), Optional.empty());
      case GPU:
        if (gpus.isEmpty()) {
          throw new SettingException(DEVICE, noGpu(gpuBuild));
        }
        if (choice.gpuIndex() >= gpus.size()) {
          throw new SettingException(
              DEVICE,
              String.format(
                  Locale.ROOT,
                  "there is no GPU %d: TensorFlow sees %d GPU(s), numbered from 0; set"
                      + " " + SettingException.SETTING + " to gpu:0%s",
                  choice.gpuIndex(),
                  gpus.size(),
                  gpus.size() > 1 ? " to gpu:" + (gpus.size() - 1) : ""));
        }
        return onGpu(gpus.get(choice.gpuIndex()), choice.gpuIndex(), available, memoryFraction,
            Optional.empty());
      default:
        if (gpus.isEmpty()) {
          Optional<String> warning =
              gpuBuild
                  ? Optional.of(
                      "TensorFlow's GPU build found no usable GPU; training on the CPU. For the"
                          + " GPU, install " + GPU_REQUIREMENTS)
                  : Optional.empty();
          return new Placement(cpu, available, cpuConfig(), warning);
        }
        return onGpu(gpus.get(0), 0, available, memoryFraction, Optional.empty());
    }
  }

  private static String noGpu(boolean gpuBuild) {
    if (!gpuBuild) {
      return "the device gpu needs TensorFlow's GPU build, and this is the CPU build; build with"
          + " TensorFlow's GPU artifact and install " + GPU_REQUIREMENTS + "; or set "
          + SettingException.SETTING + " to auto or cpu";
    }
    return "the device gpu: TensorFlow's GPU build found no usable GPU; install "
        + GPU_REQUIREMENTS + "; or set " + SettingException.SETTING + " to auto or cpu";
  }

  private static Placement onGpu(
      AvailableDevice gpu,
      int index,
      List<AvailableDevice> available,
      double memoryFraction,
      Optional<String> warning) {
    GPUOptions.Builder gpuOptions =
        GPUOptions.newBuilder().setAllowGrowth(true).setVisibleDeviceList(String.valueOf(index));
    if (memoryFraction > 0) {
      gpuOptions.setPerProcessGpuMemoryFraction(memoryFraction);
    }
    ConfigProto config =
        ConfigProto.newBuilder().setAllowSoftPlacement(true).setGpuOptions(gpuOptions).build();
    return new Placement(gpu, available, config, warning);
  }

  private static ConfigProto cpuConfig() {
    return ConfigProto.newBuilder().putDeviceCount("GPU", 0).build();
  }

  /** A line for the log: the device that runs the model and what TensorFlow sees. */
  public String describe() {
    StringBuilder seen = new StringBuilder();
    for (AvailableDevice device : available) {
      seen.append(seen.length() == 0 ? "" : ", ").append(device.shortName());
    }
    return "Device: " + device.shortName() + " (TensorFlow sees " + seen + ")";
  }
}
