package org.lenet5.data;

/**
 * Images as stored in an IDX file: {@code count} images of {@code rows x cols} unsigned bytes,
 * row-major, one image after the other.
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

  /** The number of pixels in one image. */
  public int imageSize() {
    return rows * cols;
  }
}
