package org.vipboutiques.slurm;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.vipboutiques.slurm.command.CallCount;
import org.vipboutiques.slurm.command.SlurmTool;

/**
 * What an executor asked of Slurm so far: polls of the jobs it follows (one {@code squeue} each,
 * for all jobs) and the calls of each command, with the time they took. For tuning and benchmarks.
 *
 * @param polls polls made
 * @param pollTime wall time spent in polls (commands, parsing, listeners, log reading)
 */
public record SlurmStatistics(long polls, Duration pollTime, Map<SlurmTool, CallCount> calls) {

  public SlurmStatistics {
    calls = Collections.unmodifiableMap(new EnumMap<>(calls));
  }

  public CallCount calls(SlurmTool tool) {
    return calls.getOrDefault(tool, new CallCount(0, Duration.ZERO));
  }

  /** The mean wall time of a poll. */
  public Duration meanPoll() {
    return polls == 0 ? Duration.ZERO : pollTime.dividedBy(polls);
  }
}
