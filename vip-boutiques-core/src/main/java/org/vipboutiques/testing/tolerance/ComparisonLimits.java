package org.vipboutiques.testing.tolerance;

/**
 * How much a comparison reads: at most {@code maxVoxels} voxels per image (streamed, so this
 * bounds time, not memory), {@code maxTableBytes} bytes per text table (held whole) and
 * {@code maxLogBytes} bytes of a log searched by a pattern.
 */
public record ComparisonLimits(long maxVoxels, long maxTableBytes, long maxLogBytes) {

  /** 2^30 voxels (a 1024^3 volume), 16 MiB tables, 16 MiB logs. */
  public static final ComparisonLimits DEFAULT = new ComparisonLimits(1L << 30, 16L << 20, 16L << 20);

  public ComparisonLimits {
    if (maxVoxels < 1 || maxTableBytes < 1 || maxLogBytes < 1) {
      throw new IllegalArgumentException("limits must be at least 1: " + maxVoxels + ", " + maxTableBytes + ", "
          + maxLogBytes);
    }
  }
}
