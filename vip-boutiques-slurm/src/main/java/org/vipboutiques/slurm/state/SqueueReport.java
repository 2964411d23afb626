package org.vipboutiques.slurm.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code squeue} call for many jobs, and what it printed. {@code --states=all} keeps jobs
 * that ended in the answer as long as the controller remembers them ({@code MinJobAge}), so
 * one call gives final states and exit codes too; {@code -r} prints each array task on a line.
 */
public final class SqueueReport {

  /** Fields, each followed by a {@code |}: squeue pads nothing and cuts nothing when no width is given. */
  public static final String FORMAT = "JobArrayID:|,State:|,Reason:|,NodeList:|,StartTime:|,exit_code:|";

  private SqueueReport() {}

  /** The arguments for the jobs (ids of jobs or of whole arrays: {@code 1234}, {@code 1234_7}). */
  public static List<String> arguments(Collection<String> ids) {
    List<String> args = new ArrayList<>(List.of("--noheader", "--array", "--states=all"));
    args.add("--jobs=" + String.join(",", ids));
    args.add("--Format=" + FORMAT);
    return args;
  }

  /** Whether a failed call only means that none of the jobs asked for is known any more. */
  public static boolean noneKnown(String stderr) {
    return stderr.contains("Invalid job id specified");
  }

  /** The jobs in the output, by id; lines that do not parse are skipped. */
  public static Map<String, SlurmJobInfo> parse(String stdout) {
    Map<String, SlurmJobInfo> out = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      String[] f = line.split("\\|", -1);
      if (f.length < 6 || f[0].isBlank()) {
        continue;
      }
      String id = f[0].strip();
      String state = f[1].strip();
      out.put(id, new SlurmJobInfo(id, SlurmState.parse(state), state, f[2].strip(),
          ExitStatus.parseWaitStatus(f[5]), nodes(f[3]), SlurmTimes.parse(f[4]), "squeue"));
    }
    return out;
  }

  static String nodes(String text) {
    String t = text.strip();
    return t.equals("(null)") || t.equals("None assigned") || t.equals("N/A") ? "" : t;
  }
}
