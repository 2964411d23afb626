package org.vipboutiques.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vipboutiques.execution.Attempt;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.FailureKind;
import org.vipboutiques.execution.JobState;

/** Which failures a policy retries, its back-off, and the executor settings that make one. */
class RetryPolicyTest {

  private static Attempt attempt(int number, JobState state, FailureKind kind, Integer exitCode) {
    return new Attempt(number, "j" + number, state, "b", kind, Optional.empty(), Optional.ofNullable(exitCode),
        Optional.empty(), Instant.EPOCH);
  }

  private static ExecutorConfig config(String... keyValues) {
    ExecutorConfig.Builder b = ExecutorConfig.builder("demo");
    for (int i = 0; i < keyValues.length; i += 2) {
      b.setting(keyValues[i], keyValues[i + 1]);
    }
    return b.build();
  }

  @Test
  void infrastructureFailuresAreRetriedToolFailuresOnlyForListedCodes() {
    RetryPolicy p = RetryPolicy.attempts(3).withRetryableExitCodes(75);
    assertTrue(p.retries(attempt(1, JobState.FAILED, FailureKind.INFRASTRUCTURE, null)));
    assertTrue(p.retries(attempt(2, JobState.FAILED, FailureKind.INFRASTRUCTURE, 137)));
    assertFalse(p.retries(attempt(3, JobState.FAILED, FailureKind.INFRASTRUCTURE, null)), "the last attempt");
    assertTrue(p.retries(attempt(1, JobState.FAILED, FailureKind.TOOL, 75)));
    assertFalse(p.retries(attempt(1, JobState.FAILED, FailureKind.TOOL, 3)));
    assertFalse(p.retries(attempt(1, JobState.FAILED, FailureKind.OTHER, null)), "a timeout, a refusal");
    assertFalse(p.retries(attempt(1, JobState.FAILED, FailureKind.OTHER, 75)));
    assertFalse(p.retries(attempt(1, JobState.CANCELLED, FailureKind.NONE, null)));
    assertFalse(RetryPolicy.NONE.retries(attempt(1, JobState.FAILED, FailureKind.INFRASTRUCTURE, null)));
  }

  @Test
  void theBackoffGrowsToItsMaximum() {
    RetryPolicy p = RetryPolicy.attempts(6).withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(35), 2);
    assertEquals(Duration.ofSeconds(10), p.backoffBefore(2));
    assertEquals(Duration.ofSeconds(20), p.backoffBefore(3));
    assertEquals(Duration.ofSeconds(35), p.backoffBefore(4));
    assertEquals(Duration.ofSeconds(35), p.backoffBefore(6));
  }

  @Test
  void theSettingsMakeThePolicy() {
    assertEquals(RetryPolicy.NONE, RetryPolicy.fromSettings(config()));
    RetryPolicy p = RetryPolicy.fromSettings(config("retries", "2", "retry-backoff", "500ms,4s,3",
        "retry-exit-codes", "75, 137"));
    assertEquals(new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(4), 3, Set.of(75, 137)), p);
    assertEquals(Duration.ZERO, RetryPolicy.fromSettings(config("retries", "1", "retry-backoff", "0")).initialBackoff());
    assertEquals(Duration.ofMinutes(10), RetryPolicy.fromSettings(config("retry-backoff", "10m")).maxBackoff(),
        "an initial delay over the default maximum is the maximum too");
  }

  @Test
  void aBadSettingIsNamed() {
    for (String[] bad : new String[][] {{"retries", "-1"}, {"retries", "many"}, {"retry-backoff", "soon"},
        {"retry-backoff", "10s,5s"}, {"retry-backoff", "1s,2s,0.5"}, {"retry-backoff", "1s,2s,3,4"},
        {"retry-exit-codes", "0"}, {"retry-exit-codes", "75,x"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RetryPolicy.fromSettings(config(bad)), String.join("=", bad));
      assertTrue(e.getMessage().startsWith("setting " + bad[0] + ": "), e.getMessage());
    }
  }
}
