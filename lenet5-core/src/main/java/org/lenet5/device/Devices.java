package org.lenet5.device;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/** What TensorFlow has to run on in this process, asked once and remembered. */
public final class Devices {

  private static final String GPU_BUILD_MARKER =
      "org/tensorflow/internal/c_api/linux-x86_64-gpu/LICENSE";

  private static List<AvailableDevice> available;

  private Devices() {}

  /**
   * Whether TensorFlow's CUDA build ({@code tensorflow-core-native}, classifier {@code
   * linux-x86_64-gpu}) is on the class path.
   */
  public static boolean isGpuBuild() {
    return Devices.class.getClassLoader().getResource(GPU_BUILD_MARKER) != null;
  }

  /**
   * The devices TensorFlow sees, asked through a throw-away session that lets GPU memory grow
   * rather than taking it all.
   *
   * @throws IllegalStateException if TensorFlow cannot list its devices
   */
  public static synchronized List<AvailableDevice> available() {
    if (available == null) {
      available = List.copyOf(list());
    }
    return available;
  }

  private static List<AvailableDevice> list() {
    TensorFlowPlatform.requireSupported();
    TensorFlow.version(); // loads the native library
    byte[] config =
        ConfigProto.newBuilder()
            .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
            .build()
            .toByteArray();
    TF_Status status = TF_NewStatus();
    TF_Graph graph = TF_NewGraph();
    TF_SessionOptions options = TF_NewSessionOptions();
    TF_Session session = null;
    try {
      try (BytePointer bytes = new BytePointer(config)) {
        TF_SetConfig(options, bytes, config.length, status);
      }
      check(status);
      session = TF_NewSession(graph, options, status);
      check(status);
      TF_DeviceList devices = TF_SessionListDevices(session, status);
      check(status);
      try {
        List<AvailableDevice> result = new ArrayList<>();
        for (int i = 0; i < TF_DeviceListCount(devices); i++) {
          result.add(
              new AvailableDevice(
                  TF_DeviceListName(devices, i, status).getString(),
                  TF_DeviceListType(devices, i, status).getString(),
                  TF_DeviceListMemoryBytes(devices, i, status)));
        }
        check(status);
        return result;
      } finally {
        TF_DeleteDeviceList(devices);
      }
    } finally {
      if (session != null) {
        TF_CloseSession(session, status);
        TF_DeleteSession(session, status);
      }
      TF_DeleteSessionOptions(options);
      TF_DeleteGraph(graph);
      TF_DeleteStatus(status);
    }
  }

  private static void check(TF_Status status) {
    if (TF_GetCode(status) != TF_OK) {
      throw new IllegalStateException(
          "TensorFlow cannot list its devices: " + TF_Message(status).getString());
    }
  }
}
