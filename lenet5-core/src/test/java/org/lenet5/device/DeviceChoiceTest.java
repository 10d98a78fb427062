package org.lenet5.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceChoiceTest {

  @ParameterizedTest
  @CsvSource({"auto,AUTO,0,auto", "CPU,CPU,0,cpu", "gpu,GPU,0,gpu:0", " gpu:3 ,GPU,3,gpu:3"})
  void parsesEveryForm(String text, DeviceChoice.Kind kind, int index, String printed) {
    DeviceChoice choice = DeviceChoice.parse(text);

    assertThat(choice.kind()).isEqualTo(kind);
    assertThat(choice.gpuIndex()).isEqualTo(index);
    assertThat(choice).hasToString(printed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "tpu", "gpu:", "gpu:-1", "gpu:x", "cpu:0", "gpu:1234"})
  void rejectsAnythingElse(String text) {
    assertThatThrownBy(() -> DeviceChoice.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be auto, cpu, gpu or gpu:N (N = 0, 1, ...), got '" + text + "'");
  }
}
