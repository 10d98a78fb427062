package org.lenet5.peer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetLocator;
import org.lenet5.data.MnistDataset;
import org.lenet5.data.ModelInput;
import org.lenet5.data.Permutation;
import org.lenet5.data.Preprocessing;

/**
 * The reference's LeNet5 (BatchNorm, Adam 0.001, batch 64) trained with DJL on libtorch, on the
 * same preprocessed images lenet5-java trains on; prints the seconds of every epoch.
 */
public final class DjlLenet5 {

  private static final int BATCH = 64;

  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    Preprocessing preprocessing = Preprocessing.forDataset(Dataset.MNIST);
    MnistDataset data = MnistDataset.load(DatasetLocator.of(null, null).locate(Dataset.MNIST));
    ModelInput train = preprocessing.apply(data.train());
    ModelInput test = preprocessing.apply(data.test());

    SequentialBlock block =
        new SequentialBlock()
            .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(6).build())
            .add(BatchNorm.builder().build())
            .add(Activation::relu)
            .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
            .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(16).build())
            .add(BatchNorm.builder().build())
            .add(Activation::relu)
            .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(120).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(84).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(10).build());
    try (Model model = Model.newInstance("lenet5", "PyTorch")) {
      model.setBlock(block);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(
                  Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(BATCH, 1, 32, 32));
        NDManager manager = trainer.getManager();
        NDArray images = manager.create(train.pixels(), new Shape(train.count(), 1, 32, 32));
        NDArray labels = manager.create(train.labels());
        System.out.println("DJL " + ai.djl.engine.Engine.getInstance().getEngineName() + " "
            + ai.djl.engine.Engine.getInstance().getVersion());
        for (int epoch = 1; epoch <= epochs; epoch++) {
          int[] order = Permutation.shuffled(train.count(), epoch);
          long started = System.nanoTime();
          for (int first = 0; first < train.count(); first += BATCH) {
            int size = Math.min(BATCH, train.count() - first);
            int[] indices = new int[size];
            System.arraycopy(order, first, indices, 0, size);
            try (NDManager step = manager.newSubManager()) {
              NDArray index = step.create(indices);
              NDArray x = images.get(index);
              NDArray y = labels.get(index);
              Batch batch =
                  new Batch(step, new NDList(x), new NDList(y), size, Batchifier.STACK,
                      Batchifier.STACK, first / BATCH, train.count() / BATCH);
              EasyTrain.trainBatch(trainer, batch);
              trainer.step();
            }
          }
          double seconds = (System.nanoTime() - started) / 1e9;
          System.out.printf("epoch %d: %.1f s (%.0f images/s), test accuracy %.2f %%%n", epoch,
              seconds, train.count() / seconds, 100 * accuracy(trainer, manager, test));
        }
      }
    }
  }

  private static double accuracy(Trainer trainer, NDManager manager, ModelInput test) {
    int correct = 0;
    for (int first = 0; first < test.count(); first += 1000) {
      try (NDManager step = manager.newSubManager()) {
        float[] pixels = new float[1000 * 1024];
        test.copyImages(first, 1000, pixels, 0);
        NDArray x = step.create(pixels, new Shape(1000, 1, 32, 32));
        NDArray predicted = trainer.evaluate(new NDList(x)).singletonOrThrow().argMax(1);
        long[] classes = predicted.toLongArray();
        for (int i = 0; i < 1000; i++) {
          correct += classes[i] == test.labels()[first + i] ? 1 : 0;
        }
      }
    }
    return correct / (double) test.count();
  }
}
