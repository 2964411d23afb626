package org.vipboutiques.cache;

/** A job the cache cannot key safely (a mount, a special file as input): it runs uncached. */
final class NotCacheableException extends Exception {

  private static final long serialVersionUID = 1L;

  NotCacheableException(String message) {
    super(message, null, false, false);
  }
}
