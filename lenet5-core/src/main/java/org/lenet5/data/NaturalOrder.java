package org.lenet5.data;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Locale;

/**
 * The order of class names: runs of digits by their value ({@code 2} before {@code 10}, {@code
 * 007} equal to {@code 7} and then before it), other text ignoring case ({@code a} before {@code
 * B}), and names equal that way by their plain text, so that the order is total. This is the order
 * of labels: adding class {@code 10} to classes {@code 0..9} gives it label 10 and moves no other.
 */
public final class NaturalOrder {

  /** The comparator. */
  public static final Comparator<String> COMPARATOR = NaturalOrder::compare;

  private NaturalOrder() {}

  private static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      boolean digitA = Character.isDigit(a.charAt(i));
      boolean digitB = Character.isDigit(b.charAt(j));
      int endA = run(a, i, digitA);
      int endB = run(b, j, digitB);
      String partA = a.substring(i, endA);
      String partB = b.substring(j, endB);
      int order;
      if (digitA && digitB) {
        order = new BigInteger(partA).compareTo(new BigInteger(partB));
      } else {
        order = partA.toLowerCase(Locale.ROOT).compareTo(partB.toLowerCase(Locale.ROOT));
      }
      if (order != 0) {
        return order;
      }
      i = endA;
      j = endB;
    }
    int byLength = Integer.compare(a.length() - i, b.length() - j);
    return byLength != 0 ? byLength : a.compareTo(b);
  }

  private static int run(String text, int from, boolean digits) {
    int end = from;
    while (end < text.length() && Character.isDigit(text.charAt(end)) == digits) {
      end++;
    }
    return end;
  }
}
