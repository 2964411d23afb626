package org.vipboutiques.slurm.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code sinfo} call for the nodes that jobs run on, and whether each still answers. sinfo
 * marks a node whose slurmd does not answer with a {@code *} ({@code mixed*}, {@code down*}).
 */
public final class NodeReport {

  private NodeReport() {}

  /** The arguments for nodes given as host lists. */
  public static List<String> arguments(String nodes) {
    return List.of("--noheader", "--Node", "--nodes=" + nodes, "--format=%N|%T");
  }

  /** Node name to state, as printed ({@code mixed*}). */
  public static Map<String, String> parse(String stdout) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      int bar = line.indexOf('|');
      if (bar > 0) {
        // A node in several partitions is printed once per partition; any line says the same.
        out.put(line.substring(0, bar).strip(), line.substring(bar + 1).strip());
      }
    }
    return out;
  }

  /** Whether a node in this state cannot be running its jobs any more (not answering, down, failed). */
  public static boolean lost(String state) {
    String s = state.toLowerCase(Locale.ROOT);
    return s.endsWith("*") || s.startsWith("down") || s.equals("fail") || s.startsWith("unknown")
        || s.startsWith("no_respond") || s.startsWith("not_responding");
  }
}
