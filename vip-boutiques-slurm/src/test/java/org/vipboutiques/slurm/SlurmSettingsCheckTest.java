package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutors;

/** A misspelled slurm setting is an error naming it and the settings the executor reads (checked before it connects). */
class SlurmSettingsCheckTest {

  @TempDir
  Path base;

  @Test
  void aMisspelledSettingIsRefusedWithTheKnownOnes() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("slurm").baseDirectory(base).setting("partiton", "x").build()));
    assertTrue(e.getMessage().startsWith("unknown setting \"partiton\" (did you mean \"partition\"?) for the slurm executor;"
        + " its settings are "), e.getMessage());
    for (String known : new String[] {"partition", "account", "sbatch.*", "poll-interval", "cancel-on-close", "sbatch", "squeue", "scancel", "timeout"}) {
      assertTrue(e.getMessage().contains(known), known + " is listed: " + e.getMessage());
    }
  }

  /** A value it cannot read is the same checked exception, naming the setting (no cluster needed). */
  @Test
  void aSettingWithAnUnreadableValueIsRefusedByName() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("slurm").baseDirectory(base).setting("poll-interval", "fast").build()));
    assertTrue(e.getMessage().startsWith("setting poll-interval: not a duration: \"fast\""), e.getMessage());
  }
}
