package org.vipboutiques.nvidia;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vipboutiques.execution.gpu.GpuDevice;

/** What {@code nvidia-smi} prints, read. */
final class NvidiaSmiOutput {

  /** The fields asked of {@code --query-gpu}, in order; {@code compute_cap} needs driver 510 or later. */
  static final List<String> FIELDS = List.of("index", "uuid", "name", "memory.total", "compute_cap", "driver_version");
  static final List<String> FIELDS_BEFORE_510 = List.of("index", "uuid", "name", "memory.total", "driver_version");

  private static final Pattern CUDA = Pattern.compile("CUDA Version\\s*:\\s*([0-9]+(?:\\.[0-9]+)*)");

  private NvidiaSmiOutput() {}

  /** The rows of {@code --format=csv,noheader,nounits}; a row that cannot be read is an error naming it. */
  static Rows devices(String csv, List<String> fields) {
    List<GpuDevice> devices = new ArrayList<>();
    Optional<String> driver = Optional.empty();
    for (String line : csv.split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = new ArrayList<>(Arrays.stream(line.split(",", -1)).map(String::trim).toList());
      // A product name with a comma in it: the cells between uuid and memory.total are the name.
      while (cells.size() > fields.size()) {
        cells.set(2, cells.get(2) + ", " + cells.remove(3));
      }
      if (cells.size() != fields.size()) {
        throw new IllegalArgumentException("nvidia-smi printed a line of " + cells.size() + " fields where "
            + fields.size() + " were asked: " + abbreviate(line));
      }
      int index;
      try {
        index = Integer.parseInt(cells.get(fields.indexOf("index")));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("nvidia-smi printed a device index that is not a number: "
            + abbreviate(line), e);
      }
      long memory = value(cells.get(fields.indexOf("memory.total"))).map(NvidiaSmiOutput::mib).orElse(0L);
      Optional<String> cc = fields.contains("compute_cap") ? value(cells.get(fields.indexOf("compute_cap")))
          : Optional.empty();
      devices.add(new GpuDevice(index, cells.get(fields.indexOf("uuid")), cells.get(fields.indexOf("name")), memory,
          cc));
      if (driver.isEmpty()) {
        driver = value(cells.get(fields.indexOf("driver_version")));
      }
    }
    devices.sort(java.util.Comparator.comparingInt(GpuDevice::index));
    return new Rows(devices, driver);
  }

  /** The driver's CUDA version from the header of plain {@code nvidia-smi} ({@code CUDA Version: 12.2}). */
  static Optional<String> cudaVersion(String text) {
    Matcher m = CUDA.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** {@code [N/A]}, {@code [Not Supported]} and the like are no value. */
  private static Optional<String> value(String cell) {
    if (cell.isEmpty() || cell.startsWith("[") || cell.equals("N/A")) {
      return Optional.empty();
    }
    return Optional.of(cell);
  }

  private static long mib(String cell) {
    try {
      return Long.parseLong(cell.replace("MiB", "").trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("nvidia-smi printed a memory size that is not a number of MiB: " + cell, e);
    }
  }

  static String abbreviate(String s) {
    String one = s.strip();
    return one.length() > 200 ? one.substring(0, 200) + "..." : one;
  }

  record Rows(List<GpuDevice> devices, Optional<String> driverVersion) {}
}
