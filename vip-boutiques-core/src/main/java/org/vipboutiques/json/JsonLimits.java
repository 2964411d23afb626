package org.vipboutiques.json;

/**
 * Bounds on JSON input, so that hostile files end in a typed error instead of an
 * {@code OutOfMemoryError}, a {@code StackOverflowError} or a hang.
 *
 * @param maxBytes the largest input accepted, in bytes
 * @param maxDepth the deepest nesting of arrays and objects accepted
 */
public record JsonLimits(long maxBytes, int maxDepth) {

  /** 16 MiB and 128 levels: far above any real descriptor or invocation. */
  public static final JsonLimits DEFAULT = new JsonLimits(16L << 20, 128);

  public JsonLimits {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    if (maxBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxBytes must be below 2 GiB: " + maxBytes);
    }
    if (maxDepth <= 0) {
      throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
    }
  }

  public JsonLimits withMaxBytes(long bytes) {
    return new JsonLimits(bytes, maxDepth);
  }

  public JsonLimits withMaxDepth(int depth) {
    return new JsonLimits(maxBytes, depth);
  }
}
