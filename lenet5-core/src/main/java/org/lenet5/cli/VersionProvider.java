package org.lenet5.cli;

import picocli.CommandLine;
import org.tensorflow.TensorFlow;

/** Reports this tool's version and the TensorFlow version it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {
      "lenet5 " + (version == null ? "(development build)" : version),
      "TensorFlow " + TensorFlow.version()
    };
  }
}
