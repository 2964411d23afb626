package org.vipboutiques.slurm.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code scontrol --oneliner show job ID}, for a job that squeue no longer lists. */
public final class ScontrolReport {

  private static final Pattern PAIR = Pattern.compile("(?:^|\\s)([A-Za-z][A-Za-z0-9/_:]*)=(\\S*)");

  private ScontrolReport() {}

  public static List<String> arguments(String id) {
    return List.of("--oneliner", "show", "job", id);
  }

  /** Whether scontrol failed only because it does not know the job (any more). */
  public static boolean unknownJob(String stderr) {
    return stderr.contains("Invalid job id specified");
  }

  /** The job on the first line, if it names one. */
  public static Optional<SlurmJobInfo> parse(String stdout) {
    for (String line : stdout.split("\n")) {
      Map<String, String> f = new HashMap<>();
      Matcher m = PAIR.matcher(line);
      while (m.find()) {
        f.putIfAbsent(m.group(1), m.group(2));
      }
      String jobId = f.get("JobId");
      if (jobId == null) {
        continue;
      }
      String arrayJob = f.get("ArrayJobId");
      String task = f.get("ArrayTaskId");
      String id = arrayJob != null && task != null && task.matches("\\d+") ? arrayJob + "_" + task : jobId;
      String state = f.getOrDefault("JobState", "");
      return Optional.of(new SlurmJobInfo(id, SlurmState.parse(state), state, f.getOrDefault("Reason", ""),
          ExitStatus.parsePair(f.getOrDefault("ExitCode", "")), SqueueReport.nodes(f.getOrDefault("NodeList", "")),
          SlurmTimes.parse(f.getOrDefault("StartTime", "")), "scontrol"));
    }
    return Optional.empty();
  }
}
