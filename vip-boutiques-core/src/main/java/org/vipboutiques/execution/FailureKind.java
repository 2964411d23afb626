package org.vipboutiques.execution;

/**
 * Why a job (or one attempt of it) failed, as far as the back end can tell: the tool, or what it
 * ran on. A {@link org.vipboutiques.retry.RetryPolicy} retries {@link #INFRASTRUCTURE} failures,
 * and {@link #TOOL} failures only for the exit codes its caller lists.
 */
public enum FailureKind {
  /** It did not fail (it succeeded, or was cancelled). */
  NONE,
  /** The tool ran and failed: a non-zero exit code, or a required output missing. */
  TOOL,
  /**
   * What the tool ran on failed under it, so the same run may well succeed again: a node lost,
   * a job stalled or preempted, a container killed or removed from outside, an engine error. Each
   * back end documents what it reports as such.
   */
  INFRASTRUCTURE,
  /**
   * Anything else outside the tool that a new attempt would not cure, or that the back end cannot
   * tell apart from it: a timeout, a missing image, a refused request, an unknown end.
   */
  OTHER
}
