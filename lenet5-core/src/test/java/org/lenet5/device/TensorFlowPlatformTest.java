package org.lenet5.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lenet5.Lenet5Exception;

class TensorFlowPlatformTest {

  @ParameterizedTest
  @CsvSource({
    "Linux, amd64, linux-x86_64",
    "Linux, aarch64, linux-arm64",
    "Mac OS X, aarch64, macosx-arm64",
    "Mac OS X, x86_64, macosx-x86_64",
    "Windows 11, amd64, windows-x86_64",
    "Windows Server 2022, amd64, windows-x86_64",
    "FreeBSD, amd64, freebsd-x86_64"
  })
  void namesPlatformsAsTensorFlowJavaClassifiesItsNativeBuilds(
      String osName, String osArch, String platform) {
    assertThat(TensorFlowPlatform.of(osName, osArch)).isEqualTo(platform);
  }

  @Test
  void agreesWithTheLoaderTensorFlowJavaUses() {
    assertThat(TensorFlowPlatform.current()).isEqualTo(Loader.getPlatform());
  }

  @Test
  void passesHereWhereTheNativeBuildIsOnTheClassPath() {
    assertThatCode(TensorFlowPlatform::requireSupported).doesNotThrowAnyException();
  }

  @Test
  void namesTheSupportedPlatformsOnIntelMacOs() {
    assertThatThrownBy(
            () -> TensorFlowPlatform.require(
                "Mac OS X", "x86_64", TensorFlowPlatform.class.getClassLoader()))
        .isInstanceOf(Lenet5Exception.class)
        .hasMessage(
            "TensorFlow Java has no native build for Mac OS X x86_64 (macosx-x86_64); lenet5 runs"
                + " on linux-x86_64, linux-arm64, macosx-arm64 and windows-x86_64");
  }

  @Test
  void namesTheArtifactWhenThisPlatformsNativeBuildIsMissing() throws Exception {
    // A class path with no TensorFlow on it, as one assembled on another platform would be here.
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> TensorFlowPlatform.require("Linux", "aarch64", empty))
          .isInstanceOf(Lenet5Exception.class)
          .hasMessageStartingWith(
              "TensorFlow's native build for linux-arm64 is not on the class path: add"
                  + " org.tensorflow:tensorflow-core-native with classifier linux-arm64")
          .hasMessageNotContaining("\n");
    }
  }
}
