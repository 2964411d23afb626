package org.vipboutiques.recon.nifti;

/**
 * How large an image {@link NiftiReader} reads: at most {@code maxValues} stored values (voxels,
 * twice that for complex data), and never more than the JVM's heap can hold. A header is held to
 * these before anything is allocated, so that a few bytes claiming a huge image are one clear
 * error, not an {@link OutOfMemoryError}.
 *
 * @param maxValues the most values an image may hold (at least 1)
 */
public record NiftiLimits(long maxValues) {

  /** The system property that sets {@link #maxValues} (vip-recon: {@code VIP_RECON_JAVA_OPTS=-D...}). */
  public static final String MAX_VALUES_PROPERTY = "vip.recon.maxValues";

  /** 2^30 values: 4 GiB as float32, a 1024^3 volume. */
  public static final long DEFAULT_MAX_VALUES = 1L << 30;

  /** Java arrays hold at most about 2^31 elements. */
  static final long ARRAY_LIMIT = Integer.MAX_VALUE - 8;

  public NiftiLimits {
    if (maxValues < 1) {
      throw new IllegalArgumentException("maxValues must be at least 1, got " + maxValues);
    }
  }

  /** The limits of this JVM: {@value #MAX_VALUES_PROPERTY} where set, else {@link #DEFAULT_MAX_VALUES}. */
  public static NiftiLimits fromSystem() {
    String set = System.getProperty(MAX_VALUES_PROPERTY, "").strip();
    if (set.isEmpty()) {
      return new NiftiLimits(DEFAULT_MAX_VALUES);
    }
    try {
      return new NiftiLimits(Long.parseLong(set.replace("_", "")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-D" + MAX_VALUES_PROPERTY + "=" + set + " is not a positive whole number");
    }
  }
}
