package org.lenet5;

import java.util.Locale;

/**
 * The Java heap ran out: the user can fix it by giving the JVM more. The message names the JVM's
 * own option ({@code -Xmx}), as a library user sets it; each front end words the fix in its own
 * terms from {@link #maxHeapBytes()} and {@link #suggestedMaxHeap()}: the command line's {@code
 * LENET5_JAVA_OPTS}, the Maven plugin's {@code <jvmArgs>}.
 */
public final class HeapExhaustedException extends Lenet5Exception {

  private static final long serialVersionUID = 1L;

  private static final long MB = 1024 * 1024;

  private final String activity;
  private final long maxHeapBytes;

  private HeapExhaustedException(String activity, long maxHeapBytes, OutOfMemoryError cause) {
    super(
        "out of Java heap while " + activity + " (" + describe(maxHeapBytes)
            + "); start the JVM with a larger heap, e.g. " + suggestedMaxHeap(maxHeapBytes),
        cause);
    this.activity = activity;
    this.maxHeapBytes = maxHeapBytes;
  }

  /**
   * The exception for work that would not fit this JVM's heap, found before it starts: {@code
   * activity} says what and how much it needs ("loading 500000 images of parts (about 1430 MB)").
   */
  public static HeapExhaustedException expected(String activity) {
    return new HeapExhaustedException(activity, Runtime.getRuntime().maxMemory(), null);
  }

  /**
   * The exception for an {@link OutOfMemoryError} raised while doing {@code activity} ("training",
   * "decoding x.png"), with this JVM's heap limit.
   */
  public static HeapExhaustedException of(String activity, OutOfMemoryError cause) {
    return new HeapExhaustedException(activity, Runtime.getRuntime().maxMemory(), cause);
  }

  /** What ran out of heap, e.g. "training". */
  public String activity() {
    return activity;
  }

  /** The heap limit that was reached, in bytes. */
  public long maxHeapBytes() {
    return maxHeapBytes;
  }

  /** The JVM option to try next: twice the heap that ran out, in whole gigabytes, e.g. -Xmx2g. */
  public String suggestedMaxHeap() {
    return suggestedMaxHeap(maxHeapBytes);
  }

  /** {@link #suggestedMaxHeap()} for the heap limit of this JVM. */
  public static String suggestedMaxHeap(long maxHeapBytes) {
    long gigabytes = Math.max(2, (2 * maxHeapBytes + 1024 * MB - 1) / (1024 * MB));
    return "-Xmx" + gigabytes + "g";
  }

  /** "the heap may grow to 768 MB", for a message. */
  public static String describe(long maxHeapBytes) {
    return String.format(Locale.ROOT, "the heap may grow to %d MB", maxHeapBytes / MB);
  }
}
