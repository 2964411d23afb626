package org.vipboutiques.dirac;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutors;

/** A misspelled dirac setting is an error naming it and the settings the executor reads (checked before it connects). */
class DiracSettingsCheckTest {

  @TempDir
  Path base;

  @Test
  void aMisspelledSettingIsRefusedWithTheKnownOnes() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("dirac").baseDirectory(base).setting("tokenfile", "x").build()));
    assertTrue(e.getMessage().startsWith("unknown setting \"tokenfile\" (did you mean \"token-file\"?) for the dirac executor;"
        + " its settings are "), e.getMessage());
    for (String known : new String[] {"transport", "url", "token-file", "site", "poll-interval", "timeout", "keep-jobs"}) {
      assertTrue(e.getMessage().contains(known), known + " is listed: " + e.getMessage());
    }
  }
}
