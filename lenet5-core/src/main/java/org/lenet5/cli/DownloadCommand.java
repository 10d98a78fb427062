package org.lenet5.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.lenet5.data.Dataset;
import org.lenet5.data.DatasetFiles;
import org.lenet5.data.MnistDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lenet5 download}: fetches and checks a dataset, then prints where its files are. Every
 * file is hashed again, whatever was remembered, and a damaged cached file is downloaded again.
 */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Download the dataset into the cache and print where its files are.",
      "Every file, downloaded or already cached, is verified against its pinned SHA-256 checksum;"
          + " a damaged cached file is downloaded again."
    })
final class DownloadCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private DataOptions data;

  @Override
  public Integer call() {
    Dataset dataset = data.builtInDataset();
    DatasetFiles files = data.locator().verifyAndRepair(dataset);
    MnistDataset loaded = MnistDataset.load(files);
    PrintWriter out = spec.commandLine().getOut();
    for (Dataset.DatasetFile file : dataset.files()) {
      out.println(files.path(file));
    }
    out.printf(
        "%s: %d training and %d test images, all files genuine (SHA-256 verified)%n",
        dataset.id(), loaded.train().count(), loaded.test().count());
    out.flush();
    return 0;
  }
}
