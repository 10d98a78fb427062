package org.lenet5.train;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void smoke() {
    TrainingConfig config = TrainingConfig.builder().epochs(1).limitTrain(10000).logEvery(50)
        .outputDir(java.nio.file.Path.of("target/smoke")).build();
    TrainingResult r = new Trainer(config).addListener(new TrainingListener() {
      @Override public void onTrainingStart(TrainingStart s) { System.out.print(s.summary().format()); }
      @Override public void onStep(int e, int s, float l) { if (s % 50 == 0) System.out.println(e + " " + s + " " + l); }
      @Override public void onEpochEnd(EpochResult e) { System.out.println(e); }
    }).train();
    System.out.println(r.evaluation().accuracyLine());
    System.out.println(Evaluator.evaluate(r.checkpoint(), config).accuracyLine());
  }
}
