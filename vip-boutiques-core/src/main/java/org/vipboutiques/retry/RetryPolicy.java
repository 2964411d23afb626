package org.vipboutiques.retry;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.vipboutiques.execution.Attempt;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.JobState;

/**
 * When a failed job runs again: after a failure of what it ran on ({@link FailureKind#INFRASTRUCTURE},
 * as its back end reports it: a node lost, a job stalled or preempted, a container killed from
 * outside, an engine error), and after the tool's own exit codes only when they are listed here.
 * Never after a timeout, a cancel or a refusal. Each retry waits a back-off that grows from
 * {@code initialBackoff} by {@code multiplier} up to {@code maxBackoff}.
 *
 * <p>Per executor with the settings {@value #RETRIES} (retries after the first attempt),
 * {@value #BACKOFF} ({@code 10s}, or {@code 10s,5m,2}: initial, most, multiplier) and
 * {@value #EXIT_CODES} ({@code 75,137}); per job with {@link
 * org.vipboutiques.execution.JobRequest.Builder#retryPolicy}, which replaces the executor's.
 *
 * @param maxAttempts the most runs of a job, the first included (1: no retry)
 * @param retryableExitCodes the tool's exit codes that are retried too (never 0)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
    Set<Integer> retryableExitCodes) {

  /** The executor setting: how many retries after the first attempt (default 0). */
  public static final String RETRIES = "retries";
  /** The executor setting: the back-off, {@code 10s} or {@code 10s,5m,2} (initial, most, multiplier). */
  public static final String BACKOFF = "retry-backoff";
  /** The executor setting: the tool's exit codes that are retried too, {@code 75,137}. */
  public static final String EXIT_CODES = "retry-exit-codes";

  static final Duration DEFAULT_INITIAL = Duration.ofSeconds(10);
  static final Duration DEFAULT_MAX = Duration.ofMinutes(5);
  static final double DEFAULT_MULTIPLIER = 2;

  /** No retry: one attempt. */
  public static final RetryPolicy NONE = attempts(1);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("a retry policy needs at least one attempt, not " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("the back-off must go from a non-negative initial delay (" + initialBackoff
          + ") to a maximum no smaller (" + maxBackoff + ")");
    }
    if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("the back-off multiplier must be 1 or more, not " + multiplier);
    }
    if (retryableExitCodes.contains(0)) {
      throw new IllegalArgumentException("exit code 0 is a success; it cannot be retried");
    }
    retryableExitCodes = Collections.unmodifiableSet(new TreeSet<>(retryableExitCodes));
  }

  /** At most {@code maxAttempts} runs, infrastructure failures retried, back-off 10 s doubling up to 5 min. */
  public static RetryPolicy attempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, DEFAULT_INITIAL, DEFAULT_MAX, DEFAULT_MULTIPLIER, Set.of());
  }

  /** The same, with this back-off. */
  public RetryPolicy withBackoff(Duration initial, Duration max, double factor) {
    return new RetryPolicy(maxAttempts, initial, max, factor, retryableExitCodes);
  }

  /** The same, retrying these exit codes of the tool too. */
  public RetryPolicy withRetryableExitCodes(Integer... codes) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, Set.of(codes));
  }

  /** Whether a job whose attempt {@code failed} ended so runs again. */
  public boolean retries(Attempt failed) {
    if (failed.number() >= maxAttempts || failed.state() != JobState.FAILED) {
      return false;
    }
    return failed.failureKind() == FailureKind.INFRASTRUCTURE
        || failed.failureKind() == FailureKind.TOOL && failed.exitCode().filter(retryableExitCodes::contains)
            .isPresent();
  }

  /** The wait before attempt {@code next} (2 for the first retry). */
  public Duration backoffBefore(int next) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, next - 2));
    return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
  }

  /**
   * The policy an executor's settings give ({@link #NONE} without them).
   *
   * @throws IllegalArgumentException naming the setting whose value cannot be read
   */
  public static RetryPolicy fromSettings(ExecutorConfig config) {
    int retries = config.setting(RETRIES).map(v -> integer(RETRIES, v, 0, 100)).orElse(0);
    RetryPolicy p = attempts(retries + 1);
    if (config.setting(BACKOFF).isPresent()) {
      String[] parts = config.setting(BACKOFF).get().split(",", -1);
      if (parts.length > 3) {
        throw new IllegalArgumentException("setting " + BACKOFF + ": \"" + config.setting(BACKOFF).get()
            + "\" is not a back-off; give 10s, or 10s,5m,2 (initial delay, most delay, multiplier)");
      }
      Duration initial = duration(parts[0]);
      Duration max = parts.length > 1 ? duration(parts[1]) : initial.compareTo(DEFAULT_MAX) > 0 ? initial : DEFAULT_MAX;
      double factor;
      try {
        factor = parts.length > 2 ? Double.parseDouble(parts[2].strip()) : DEFAULT_MULTIPLIER;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("setting " + BACKOFF + ": \"" + parts[2].strip()
            + "\" is not a multiplier; give a number of 1 or more, as in 10s,5m,2");
      }
      try {
        p = p.withBackoff(initial, max, factor);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("setting " + BACKOFF + ": " + e.getMessage());
      }
    }
    if (config.setting(EXIT_CODES).filter(v -> !v.isBlank()).isPresent()) {
      Set<Integer> codes = new TreeSet<>();
      for (String c : config.setting(EXIT_CODES).get().split(",")) {
        codes.add(integer(EXIT_CODES, c, 1, 255));
      }
      p = new RetryPolicy(p.maxAttempts(), p.initialBackoff(), p.maxBackoff(), p.multiplier(), codes);
    }
    return p;
  }

  private static Duration duration(String text) {
    if (text.strip().matches("0+(\\.0*)?(ms|s|m|h|d)?")) {
      return Duration.ZERO; // no wait: a duration elsewhere must be positive, a back-off need not
    }
    try {
      return Durations.parse(text.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("setting " + BACKOFF + ": \"" + text.strip()
          + "\" is not a duration; give 10s, 500ms, 5m, 0 or an ISO-8601 duration");
    }
  }

  private static int integer(String setting, String text, int min, int max) {
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("setting " + setting + ": \"" + text.strip() + "\" is not a whole number from "
        + min + " to " + max);
  }
}
