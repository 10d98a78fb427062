package org.lenet5.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lenet5.SettingException;

class CliMessagesTest {

  @Test
  void aSettingIsNamedAsItsOption() {
    SettingException e =
        new SettingException(
            "dataDir", "pass that directory as the data directory (" + SettingException.SETTING
                + " or LENET5_DATA_DIR)");

    assertThat(e.getMessage())
        .isEqualTo("pass that directory as the data directory (RunSettings.Builder.dataDir(…)"
            + " or LENET5_DATA_DIR)");
    assertThat(CliMessages.of(e))
        .isEqualTo("pass that directory as the data directory (--data-dir or LENET5_DATA_DIR)");
  }
}
