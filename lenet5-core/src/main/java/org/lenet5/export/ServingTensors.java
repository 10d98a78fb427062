package org.lenet5.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.lenet5.Lenet5Exception;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Tensors as TensorFlow Serving's requests and responses carry them ({@code TensorProto}), for the
 * float32 and int64 tensors the serving signatures take and give: written as TensorFlow Serving
 * writes its responses (the values in {@code float_val} or {@code int64_val}), read from those
 * fields or from {@code tensor_content}, as clients may write them.
 */
final class ServingTensors {

  private ServingTensors() {}

  /** A float32 tensor of {@code shape} holding {@code values}, row-major. */
  static TensorProto floats(long[] shape, float[] values) {
    TensorProto.Builder proto = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
        .setTensorShape(shape(shape));
    for (float value : values) {
      proto.addFloatVal(value);
    }
    return proto.build();
  }

  /** A signature output as a response holds it. */
  static TensorProto of(Tensor tensor) {
    long[] shape = tensor.shape().asArray();
    int size = (int) tensor.shape().size();
    if (tensor instanceof TFloat32 floats) {
      float[] values = new float[size];
      floats.copyTo(DataBuffers.of(values, false, false));
      return floats(shape, values);
    }
    if (tensor instanceof TInt64 longs) {
      long[] values = new long[size];
      longs.copyTo(DataBuffers.of(values, false, false));
      TensorProto.Builder proto = TensorProto.newBuilder().setDtype(DataType.DT_INT64)
          .setTensorShape(shape(shape));
      for (long value : values) {
        proto.addInt64Val(value);
      }
      return proto.build();
    }
    throw new IllegalArgumentException("a " + tensor.dataType() + " output");
  }

  /**
   * The float32 tensor a request's input describes, for the signature to be fed with.
   *
   * @throws Lenet5Exception if it is of another type, or its values do not fill its shape
   */
  static TFloat32 toTensor(String name, TensorProto proto) {
    if (proto.getDtype() != DataType.DT_FLOAT) {
      throw new Lenet5Exception("input " + name + " is " + proto.getDtype() + "; the model takes"
          + " DT_FLOAT images");
    }
    return TFloat32.tensorOf(Shape.of(shapeOf(proto)), DataBuffers.of(floatsOf(name, proto)));
  }

  /**
   * How output {@code name} of a replay differs from the recorded one, if it does: another type or
   * shape, an int64 value not the same, a float32 value off by more than {@code tolerance} times
   * the larger of 1 and the recorded value.
   */
  static Optional<String> difference(
      String name, TensorProto recorded, TensorProto replayed, double tolerance) {
    if (recorded.getDtype() != replayed.getDtype()) {
      return Optional.of(name + " is " + replayed.getDtype() + " here, " + recorded.getDtype()
          + " in the record");
    }
    long[] shape = shapeOf(recorded);
    if (!Arrays.equals(shape, shapeOf(replayed))) {
      return Optional.of(name + " has shape " + Arrays.toString(shapeOf(replayed)) + " here, "
          + Arrays.toString(shape) + " in the record");
    }
    if (recorded.getDtype() == DataType.DT_INT64) {
      long[] expected = longsOf(name, recorded);
      long[] actual = longsOf(name, replayed);
      int first = Arrays.mismatch(expected, actual);
      return first < 0 ? Optional.empty()
          : Optional.of(element(name, shape, first) + " is " + actual[first] + " here, "
              + expected[first] + " in the record");
    }
    float[] expected = floatsOf(name, recorded);
    float[] actual = floatsOf(name, replayed);
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(actual[i] - expected[i]) <= tolerance * Math.max(1, Math.abs(expected[i])))) {
        return Optional.of(String.format(Locale.ROOT, "%s is %s here, %s in the record",
            element(name, shape, i), actual[i], expected[i]));
      }
    }
    return Optional.empty();
  }

  /** An element of a tensor by its indices, e.g. {@code logits[0, 7]}. */
  private static String element(String name, long[] shape, int flatIndex) {
    long[] indices = new long[shape.length];
    long rest = flatIndex;
    for (int axis = shape.length - 1; axis >= 0; axis--) {
      indices[axis] = rest % shape[axis];
      rest /= shape[axis];
    }
    StringBuilder element = new StringBuilder(name).append('[');
    for (int axis = 0; axis < indices.length; axis++) {
      element.append(axis == 0 ? "" : ", ").append(indices[axis]);
    }
    return element.append(']').toString();
  }

  private static TensorShapeProto shape(long[] shape) {
    TensorShapeProto.Builder proto = TensorShapeProto.newBuilder();
    for (long size : shape) {
      proto.addDim(TensorShapeProto.Dim.newBuilder().setSize(size));
    }
    return proto.build();
  }

  private static long[] shapeOf(TensorProto proto) {
    return proto.getTensorShape().getDimList().stream()
        .mapToLong(TensorShapeProto.Dim::getSize).toArray();
  }

  private static int sizeOf(String name, TensorProto proto) {
    long size = 1;
    for (long dimension : shapeOf(proto)) {
      if (dimension < 0) {
        throw new Lenet5Exception(name + " has shape " + Arrays.toString(shapeOf(proto))
            + "; a tensor's shape has no unknown dimension");
      }
      size *= dimension;
    }
    return (int) size;
  }

  private static float[] floatsOf(String name, TensorProto proto) {
    int size = sizeOf(name, proto);
    float[] values = new float[size];
    if (!proto.getTensorContent().isEmpty()) {
      requireCount(name, proto.getTensorContent().size(), 4L * size, "bytes");
      proto.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer().get(values);
    } else {
      requireCount(name, proto.getFloatValCount(), size, "values");
      for (int i = 0; i < size; i++) {
        values[i] = proto.getFloatVal(i);
      }
    }
    return values;
  }

  private static long[] longsOf(String name, TensorProto proto) {
    int size = sizeOf(name, proto);
    long[] values = new long[size];
    if (!proto.getTensorContent().isEmpty()) {
      requireCount(name, proto.getTensorContent().size(), 8L * size, "bytes");
      ByteBuffer content = proto.getTensorContent().asReadOnlyByteBuffer()
          .order(ByteOrder.LITTLE_ENDIAN);
      content.asLongBuffer().get(values);
    } else {
      requireCount(name, proto.getInt64ValCount(), size, "values");
      for (int i = 0; i < size; i++) {
        values[i] = proto.getInt64Val(i);
      }
    }
    return values;
  }

  private static void requireCount(String name, long count, long needed, String what) {
    if (count != needed) {
      throw new Lenet5Exception(name + " holds " + count + " " + what + " where its shape needs "
          + needed);
    }
  }
}
