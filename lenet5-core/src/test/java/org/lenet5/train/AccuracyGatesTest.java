package org.lenet5.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The verification gates refuse values out of range, naming the parameter. */
class AccuracyGatesTest {

  @Test
  void percentagesFromZeroToAHundredPassAndOthersAreRefusedByName() {
    assertThat(new AccuracyGates(98.5, OptionalDouble.of(0.2)).minAccuracy()).isEqualTo(98.5);
    assertThat(new AccuracyGates(100, OptionalDouble.empty()).maxAccuracyDrop()).isEmpty();

    assertThatThrownBy(() -> new AccuracyGates(101, OptionalDouble.empty()))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
          assertThat(e.parameter()).isEqualTo("minAccuracy");
          assertThat(e.problem()).isEqualTo("must be a percentage from 0 to 100, got 101.0");
        });
    assertThatThrownBy(() -> new AccuracyGates(Double.NaN, OptionalDouble.empty()))
        .isInstanceOf(InvalidConfigException.class);
    assertThatThrownBy(() -> new AccuracyGates(98.5, OptionalDouble.of(-1)))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problem())
            .isEqualTo("must be a number of percentage points from 0 to 100, got -1.0"));
  }
}
