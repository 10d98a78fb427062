package org.lenet5.train;

import java.nio.file.Path;
import java.util.Optional;
import org.lenet5.device.Placement;
import org.lenet5.model.ModelSummary;
import org.tensorflow.proto.GraphDef;

/**
 * What a run is about to do.
 *
 * @param recipe what the run trains
 * @param settings how it runs
 * @param summary the model's layers and parameter counts
 * @param trainImages the number of training images used
 * @param testImages the number of test images
 * @param stepsPerEpoch training steps per epoch (the last batch may be smaller)
 * @param placement the device the model runs on and what TensorFlow sees
 * @param firstEpoch the first epoch this run trains: 1, or the one after the resumed checkpoint
 * @param resumedFrom the checkpoint a resumed run continues from, if any
 * @param outputDir the run directory, where the run's outputs go
 * @param graph the training graph, as TensorBoard shows it
 */
public record TrainingStart(
    Recipe recipe,
    RunSettings settings,
    ModelSummary summary,
    int trainImages,
    int testImages,
    int stepsPerEpoch,
    Placement placement,
    int firstEpoch,
    Optional<Path> resumedFrom,
    Path outputDir,
    GraphDef graph) {}
