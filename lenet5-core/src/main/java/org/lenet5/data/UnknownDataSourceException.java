package org.lenet5.data;

import org.lenet5.Lenet5Exception;

/**
 * A data source named by something that is neither a built-in dataset nor a folder: each front end
 * names its own parameter in front of this message ({@code --dataset}, {@code <dataset>}).
 */
public final class UnknownDataSourceException extends Lenet5Exception {

  /**
   * @param resolved the directory a relative name was looked for as, to show beside it; null to
   *     show the name alone
   */
  UnknownDataSourceException(String given, java.nio.file.Path resolved, boolean isFile) {
    super(
        "'" + given + "' is neither a built-in dataset (" + Dataset.idList() + ") nor "
            + (isFile ? "a directory (it is a file)" : "an existing directory")
            + (resolved == null || resolved.toString().equals(given) ? "" : " (" + resolved + ")")
            + "; name a dataset, or a folder holding one sub-folder of images per class");
  }
}
