package org.lenet5.cli;

import org.lenet5.Lenet5Exception;
import org.lenet5.device.TensorFlowPlatform;
import org.tensorflow.TensorFlow;
import picocli.CommandLine;

/**
 * Reports this tool's version, the TensorFlow version it runs on and the platform; every command's
 * {@code --version}.
 */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {
      "lenet5 " + (version == null ? "(development build)" : version),
      tensorFlow()
    };
  }

  private static String tensorFlow() {
    // Where TensorFlow cannot load, --version still answers, and says why.
    try {
      TensorFlowPlatform.requireSupported();
    } catch (Lenet5Exception e) {
      return "TensorFlow not available: " + e.getMessage();
    }
    return "TensorFlow " + TensorFlow.version() + " on " + TensorFlowPlatform.current();
  }
}
