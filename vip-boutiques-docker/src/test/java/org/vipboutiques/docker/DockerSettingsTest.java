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
    for (String known : new String[] {"docker-host", "gpu-mode", "image", "limits", "pull", "user", "keep-jobs", "timeout",
        "reattach-keep", "container-opts-allow"}) {
      assertTrue(e.getMessage().contains(known), known + " is listed: " + e.getMessage());
    }
  }

  @Test
  void reattachKeepIsADurationOrZero() throws Exception {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("docker").baseDirectory(base).setting("reattach-keep", "soon").build()));
    assertTrue(e.getMessage().contains("reattach-keep must be a duration") && e.getMessage().contains("\"soon\""),
        e.getMessage());
    for (String ok : new String[] {"0", "0s", "90m", "2d"}) {
      JobExecutors.create(ExecutorConfig.builder("docker").baseDirectory(base).setting("reattach-keep", ok).build())
          .close();
    }
  }

  @Test
  void containerOptsAllowListsKnownAllowancesOnly() throws Exception {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("docker").baseDirectory(base).setting("container-opts-allow", "all").build()));
    assertTrue(e.getMessage().startsWith("docker: container-opts-allow cannot list \"all\"; it lists some of"
        + " caller-env, host-mounts"), e.getMessage());
  }
}
