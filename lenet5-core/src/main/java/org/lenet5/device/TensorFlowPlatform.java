package org.lenet5.device;

import java.util.List;
import java.util.Locale;
import org.lenet5.Lenet5Exception;

/**
 * The platform this JVM runs on, named as TensorFlow Java names its native builds (the classifier
 * of {@code org.tensorflow:tensorflow-core-native}), and whether that build is here.
 *
 * <p>Checked before TensorFlow's native library loads: without this, an unsupported platform (such
 * as Intel macOS) or a class path assembled on another platform ends in an {@code
 * UnsatisfiedLinkError} from deep inside JavaCPP, instead of one line that says what to do.
 */
public final class TensorFlowPlatform {

  /** The platforms TensorFlow Java 1.1.0 publishes a native build for (CPU). */
  public static final List<String> SUPPORTED =
      List.of("linux-x86_64", "linux-arm64", "macosx-arm64", "windows-x86_64");

  private static final String NATIVE_DIRECTORY = "org/tensorflow/internal/c_api/";

  private static volatile boolean checked;

  private TensorFlowPlatform() {}

  /** This JVM's platform, from {@code os.name} and {@code os.arch}, e.g. {@code macosx-arm64}. */
  public static String current() {
    return of(System.getProperty("os.name"), System.getProperty("os.arch"));
  }

  /**
   * A platform's name as TensorFlow Java (through JavaCPP) spells it: {@code linux}, {@code
   * macosx} or {@code windows}, then {@code x86_64} or {@code arm64}.
   *
   * @param osName the JVM's {@code os.name}, e.g. {@code Mac OS X}
   * @param osArch the JVM's {@code os.arch}, e.g. {@code aarch64}
   */
  public static String of(String osName, String osArch) {
    String name = osName.toLowerCase(Locale.ROOT);
    String os =
        name.startsWith("linux") ? "linux"
            : name.startsWith("mac os x") || name.startsWith("darwin") ? "macosx"
            : name.startsWith("windows") ? "windows"
            : name.replaceAll("[^a-z0-9]", "");
    String arch =
        switch (osArch.toLowerCase(Locale.ROOT)) {
          case "amd64", "x86-64", "x86_64" -> "x86_64";
          case "aarch64", "arm64", "armv8" -> "arm64";
          default -> osArch.toLowerCase(Locale.ROOT);
        };
    return os + "-" + arch;
  }

  /**
   * Makes sure TensorFlow can load here: the platform is one TF Java ships a native build for, and
   * that build (CPU or GPU) is on the class path. Checks once per JVM.
   *
   * @throws Lenet5Exception naming the supported platforms, or the artifact to add
   */
  public static void requireSupported() {
    if (!checked) {
      require(
          System.getProperty("os.name"), System.getProperty("os.arch"),
          TensorFlowPlatform.class.getClassLoader());
      checked = true;
    }
  }

  static void require(String osName, String osArch, ClassLoader classLoader) {
    String platform = of(osName, osArch);
    if (!SUPPORTED.contains(platform)) {
      throw new Lenet5Exception(
          "TensorFlow Java has no native build for " + osName + " " + osArch + " (" + platform
              + "); lenet5 runs on " + String.join(", ", SUPPORTED.subList(0, 3)) + " and "
              + SUPPORTED.get(3));
    }
    if (!hasNative(classLoader, platform) && !hasNative(classLoader, platform + "-gpu")) {
      throw new Lenet5Exception(
          "TensorFlow's native build for " + platform + " is not on the class path: add"
              + " org.tensorflow:tensorflow-core-native with classifier " + platform
              + " (Maven adds it to lenet5-core's dependencies when it resolves them on " + platform
              + "; a class path put together on another platform lacks it)");
    }
  }

  private static boolean hasNative(ClassLoader classLoader, String classifier) {
    // The native jars hold their libraries and LICENSE under a directory named for the classifier.
    String directory = NATIVE_DIRECTORY + classifier + "/";
    return classLoader.getResource(directory) != null
        || classLoader.getResource(directory + "LICENSE") != null;
  }
}
