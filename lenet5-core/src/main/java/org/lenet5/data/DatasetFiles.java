package org.lenet5.data;

import java.nio.file.Path;
import java.util.Map;
import org.lenet5.data.Dataset.DatasetFile;

/** Where each file of a dataset lies on disk (raw or gzipped IDX). */
public record DatasetFiles(Dataset dataset, Map<DatasetFile, Path> paths) {

  public DatasetFiles {
    paths = Map.copyOf(paths);
  }

  /** The path of one of the dataset's files. */
  public Path path(DatasetFile file) {
    return paths.get(file);
  }
}
