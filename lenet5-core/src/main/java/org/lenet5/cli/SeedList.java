package org.lenet5.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a list of seeds: {@code 1-10}, {@code 1,4,9} or both ({@code 1-3,7}). */
final class SeedList implements ITypeConverter<List<Long>> {

  private static final int MAX_SEEDS = 1000;

  @Override
  public List<Long> convert(String value) {
    List<Long> seeds = new ArrayList<>();
    for (String part : value.split(",")) {
      String[] range = part.trim().split("-", -1);
      if (range.length > 2) {
        throw invalid(value);
      }
      long first = parse(range[0], value);
      long last = range.length == 2 ? parse(range[1], value) : first;
      if (last < first || last - first >= MAX_SEEDS || seeds.size() + last - first >= MAX_SEEDS) {
        throw new TypeConversionException(
            "'" + value + "' must name 1 to " + MAX_SEEDS + " seeds, each range low-high");
      }
      for (long seed = first; seed <= last; seed++) {
        seeds.add(seed);
      }
    }
    return seeds;
  }

  private static long parse(String number, String value) {
    try {
      return Long.parseLong(number.trim());
    } catch (NumberFormatException e) {
      throw invalid(value);
    }
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException(
        "'" + value + "' is not a list of seeds; write e.g. 1-10 or 1,4,9");
  }
}
