package org.lenet5;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.op.io.ReaderRead;
import org.tensorflow.types.TString;

/**
 * Reads a TFRecord file with TensorFlow's own reader, which checks every length and checksum.
 * (TF 2.18's {@code TFRecordDatasetV2} cannot be iterated from TF Java: the kernel serializes
 * itself with one input missing; the queue-based reader has no such step.)
 */
public final class TensorFlowRecordReader {

  private TensorFlowRecordReader() {}

  /** The data of each record of {@code file}, as TensorFlow reads them. */
  public static List<byte[]> read(Path file) {
    List<byte[]> records = new ArrayList<>();
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      FifoQueue files = tf.io.fifoQueue(List.of(TString.class));
      Op enqueue = tf.io.queueEnqueue(files, List.of(tf.constant(file.toString())));
      Op close = tf.io.queueClose(files);
      ReaderRead read = tf.io.readerRead(tf.io.tfRecordReader(), files);
      try (Session session = new Session(graph)) {
        session.runner().addTarget(enqueue).run();
        session.runner().addTarget(close).run();
        while (true) {
          try (Result record = session.runner().fetch(read.value()).run()) {
            records.add(((TString) record.get(0)).asBytes().getObject());
          } catch (TFOutOfRangeException end) {
            return records;
          }
        }
      }
    }
  }
}
