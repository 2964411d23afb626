package org.vipboutiques.slurm.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code sacct} call for many jobs (where the cluster keeps accounting), and what it printed:
 * allocations only ({@code -X}), parsable ({@code -P}), no header.
 */
public final class SacctReport {

  public static final String FIELDS = "JobID,State,ExitCode,NodeList,Start";

  /** {@code 1234_[5-9,12%4]}: tasks of an array that have not started, on one line. */
  private static final Pattern PENDING_TASKS = Pattern.compile("(\\d+)_\\[([0-9,\\-]+)(?:%\\d+)?\\]");

  private SacctReport() {}

  public static List<String> arguments(Collection<String> ids) {
    List<String> args = new ArrayList<>(List.of("--noheader", "--parsable2", "--allocations"));
    args.add("--jobs=" + String.join(",", ids));
    args.add("--format=" + FIELDS);
    return args;
  }

  /** Whether sacct failed because the cluster keeps no accounting. */
  public static boolean accountingDisabled(String stderr) {
    return stderr.contains("accounting storage is disabled") || stderr.contains("slurmdbd");
  }

  /** The jobs in the output, by id; pending array tasks on one line are listed one by one. */
  public static Map<String, SlurmJobInfo> parse(String stdout) {
    Map<String, SlurmJobInfo> out = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      String[] f = line.split("\\|", -1);
      if (f.length < 5 || f[0].isBlank()) {
        continue;
      }
      String state = f[1].strip();
      String reason = "";
      int by = state.indexOf(" by ");
      if (by > 0) {
        reason = state.substring(by + 1);
      }
      List<String> ids = new ArrayList<>();
      Matcher m = PENDING_TASKS.matcher(f[0].strip());
      if (m.matches()) {
        for (int task : ranges(m.group(2))) {
          ids.add(m.group(1) + "_" + task);
        }
      } else {
        ids.add(f[0].strip());
      }
      for (String id : ids) {
        // A job requeued after a failure has several records; the last is the current one.
        out.put(id, new SlurmJobInfo(id, SlurmState.parse(state), state, reason, ExitStatus.parsePair(f[2]),
            SqueueReport.nodes(f[3]), SlurmTimes.parse(f[4]), "sacct"));
      }
    }
    return out;
  }

  /** {@code 1-3,7} as 1, 2, 3, 7. */
  static List<Integer> ranges(String text) {
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isEmpty()) {
        continue;
      }
      int dash = part.indexOf('-');
      if (dash < 0) {
        out.add(Integer.parseInt(part));
      } else {
        int from = Integer.parseInt(part.substring(0, dash));
        int to = Integer.parseInt(part.substring(dash + 1));
        for (int i = from; i <= to; i++) {
          out.add(i);
        }
      }
    }
    return out;
  }
}
