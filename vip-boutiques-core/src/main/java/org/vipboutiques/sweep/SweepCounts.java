package org.vipboutiques.sweep;

/** How many jobs of a sweep are in each state. */
public record SweepCounts(int total, int queued, int running, int succeeded, int failed, int cancelled) {

  /** The jobs that ended, whatever the end. */
  public int ended() {
    return succeeded + failed + cancelled;
  }

  public boolean finished() {
    return ended() == total;
  }
}
