package org.lenet5.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuKernelsTest {

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "TRUE", " 1 "})
  void saysNothingWhenTheEnvironmentTurnsOneDnnOn(String value) {
    assertThat(CpuKernels.advice(Map.of("TF_ENABLE_ONEDNN_OPTS", value))).isEmpty();
  }

  @Test
  void tellsHowToTurnItOnWhenTheVariableIsMissing() {
    assertThat(CpuKernels.advice(Map.of("PATH", "/usr/bin")))
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .contains("TF_ENABLE_ONEDNN_OPTS is not set")
                    .contains("set TF_ENABLE_ONEDNN_OPTS=1")
                    .doesNotContain("\n"));
  }

  @Test
  void namesTheValueThatTurnedItOff() {
    assertThat(CpuKernels.advice(Map.of("TF_ENABLE_ONEDNN_OPTS", "0")))
        .hasValueSatisfying(line -> assertThat(line).contains("TF_ENABLE_ONEDNN_OPTS=0)"));
  }

  /** The build runs the tests with oneDNN on (lenet5-core/pom.xml), as the launcher does. */
  @Test
  void theTestEnvironmentHasItOn() {
    assertThat(CpuKernels.advice(System.getenv())).isEmpty();
  }
}
