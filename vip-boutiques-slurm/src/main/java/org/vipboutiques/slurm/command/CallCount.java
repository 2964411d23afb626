package org.vipboutiques.slurm.command;

import java.time.Duration;

/** How often one Slurm command was called and the wall time it took in all. */
public record CallCount(long calls, Duration total) {

  /** The mean time of one call; zero when there was none. */
  public Duration mean() {
    return calls == 0 ? Duration.ZERO : total.dividedBy(calls);
  }
}
