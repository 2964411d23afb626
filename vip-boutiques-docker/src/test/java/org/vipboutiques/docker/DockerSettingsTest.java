package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutors;

/** A misspelled docker setting is an error naming it and the settings the executor reads (checked before it connects). */
class DockerSettingsTest {

  @TempDir
  Path base;

  @Test
  void aMisspelledSettingIsRefusedWithTheKnownOnes() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("docker").baseDirectory(base).setting("pul", "x").build()));
    assertTrue(e.getMessage().startsWith("unknown setting \"pul\" (did you mean \"pull\"?) for the docker executor;"
        + " its settings are "), e.getMessage());
    for (String known : new String[] {"docker-host", "gpu-mode", "image", "limits", "pull", "user", "keep-jobs", "timeout"}) {
      assertTrue(e.getMessage().contains(known), known + " is listed: " + e.getMessage());
    }
  }
}
