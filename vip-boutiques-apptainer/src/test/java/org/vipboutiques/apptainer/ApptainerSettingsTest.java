package org.vipboutiques.apptainer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.JobExecutors;

/** A misspelled apptainer setting is an error naming it and the settings the executor reads (checked before it connects). */
class ApptainerSettingsTest {

  @TempDir
  Path base;

  @Test
  void aMisspelledSettingIsRefusedWithTheKnownOnes() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("apptainer").baseDirectory(base).setting("image_dir", "x").build()));
    assertTrue(e.getMessage().startsWith("unknown setting \"image_dir\" (did you mean \"image-dir\"?) for the apptainer executor;"
        + " its settings are "), e.getMessage());
    for (String known : new String[] {"binary", "image-dir", "pull", "keep-jobs-for", "timeout"}) {
      assertTrue(e.getMessage().contains(known), known + " is listed: " + e.getMessage());
    }
  }

  /** The same under the name {@code singularity}, which the apptainer factory also answers to. */
  @Test
  void aMisspelledSettingIsRefusedUnderTheOtherNameToo() {
    ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> JobExecutors.create(
        ExecutorConfig.builder("singularity").baseDirectory(base).setting("binary", "/bin/true")
            .setting("pulll", "never").build()));
    assertTrue(e.getMessage().startsWith("unknown setting \"pulll\" (did you mean \"pull\"?) for the singularity"
        + " executor; its settings are binary, cache, cache-max-age, cache-max-size, container-opts-allow, image-dir,"), e.getMessage());
  }
}
