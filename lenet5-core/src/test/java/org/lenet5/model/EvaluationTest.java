package org.lenet5.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvaluationTest {

  @Test
  void countsTheConfusionAndTheAccuracyOfEachTrueClass() {
    Evaluation evaluation =
        Evaluation.of(10, new int[] {0, 1, 1, 2, 2, 2}, new int[] {0, 1, 2, 2, 2, 0});

    assertThat(evaluation.correct()).isEqualTo(4);
    assertThat(evaluation.total()).isEqualTo(6);
    int[][] confusion = evaluation.confusion();
    assertThat(confusion).hasNumberOfRows(10);
    assertThat(confusion[0]).startsWith(1, 0, 1);
    assertThat(confusion[1]).startsWith(0, 1, 0);
    assertThat(confusion[2]).startsWith(0, 1, 2);
    // Class 3 has no images: no accuracy, which reports leave out.
    assertThat(evaluation.perClassPercent()).startsWith(50.0, 100.0, 100.0 * 2 / 3, Double.NaN);
  }
}
