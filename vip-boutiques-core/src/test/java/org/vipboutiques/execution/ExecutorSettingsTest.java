package org.vipboutiques.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unknown executor settings are an error that lists the known ones; the retention settings. */
class ExecutorSettingsTest {

  private static ExecutorConfig config(String... keyValues) {
    ExecutorConfig.Builder b = ExecutorConfig.builder("demo");
    for (int i = 0; i < keyValues.length; i += 2) {
      b.setting(keyValues[i], keyValues[i + 1]);
    }
    return b.build();
  }

  @Test
  void aMisspelledSettingIsNamedWithTheNearestAndTheKnownOnes() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class,
        () -> config("pul", "never", "pull", "never").requireKnownSettings(Set.of("pull", "image")));
    assertEquals("unknown setting \"pul\" (did you mean \"pull\"?) for the demo executor; its settings are cache,"
        + " cache-max-age, cache-max-size, image, keep-jobs, keep-jobs-for, pull, retries, retry-backoff,"
        + " retry-exit-codes, timeout", e.getMessage());
  }

  @Test
  void everyUnknownSettingIsNamedAtOnce() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class,
        () -> config("colour", "red", "Timeout", "5m").requireKnownSettings(Set.of()));
    assertTrue(e.getMessage().startsWith("unknown settings \"colour\", \"Timeout\" (did you mean \"timeout\"?) for"
        + " the demo executor"), e.getMessage());
  }

  @Test
  void knownCommonAndPrefixedSettingsPass() throws Exception {
    config("pull", "never", "timeout", "5m", "keep-jobs", "3", "sbatch.mem", "8G", "sbatch.mail-type", "END")
        .requireKnownSettings(Set.of("pull", "sbatch.*"));
    config("anything", "x").requireKnownSettings(Set.of("*"));
  }

  @Test
  void aFactoryThatDoesNotSayIsNotChecked() throws Exception {
    ExecutorFactory silent = new ExecutorFactory() {
      @Override
      public String name() {
        return "silent";
      }

      @Override
      public Optional<JobExecutor> create(ExecutorConfig config) {
        return Optional.empty();
      }
    };
    config("whatever", "x").requireKnownSettings(silent.knownSettings());
  }

  @Test
  void noExecutorOnTheClassPathIsStillTheFirstComplaintForAnUnknownName() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class,
        () -> JobExecutors.create(config("pul", "never")));
    assertTrue(e.getMessage().startsWith("no executor named \"demo\""), e.getMessage());
  }

  @Test
  void retentionSettingsAreRead() {
    assertEquals(Optional.empty(), JobRetention.fromSettings(config()));
    assertEquals(Optional.of(new JobRetention(OptionalInt.of(3), Optional.of(Duration.ofDays(7)))),
        JobRetention.fromSettings(config("keep-jobs", "3", "keep-jobs-for", "7d")));
    assertEquals(Optional.of(JobRetention.keepLast(0)), JobRetention.fromSettings(config("keep-jobs", "0")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JobRetention.fromSettings(config("keep-jobs", "ten")));
    assertEquals("setting keep-jobs must be a whole number of jobs, not \"ten\"", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> JobRetention.fromSettings(config("keep-jobs-for", "week")));
    assertTrue(e.getMessage().startsWith("setting keep-jobs-for: not a duration: \"week\""), e.getMessage());
  }
}
