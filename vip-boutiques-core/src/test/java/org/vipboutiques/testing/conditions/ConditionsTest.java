package org.vipboutiques.testing.conditions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * The conditions' answers where a part is out of reach, as on a fresh machine: each says what is
 * missing and how to get it, at once (no minute of retries), and a required part's absence fails.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConditionsTest {

  @TempDir
  Path dir;

  @Test
  void anAbsentPartSkipsWithItsReasonAndFailsWhereRequired() {
    Probe absent = Probe.absent("no Docker engine at unix:///nowhere: start one with scripts/docker-up.sh");
    ConditionEvaluationResult skipped = RequirementCondition.decide(absent, Optional.empty());
    assertTrue(skipped.isDisabled());
    assertEquals(Optional.of(absent.detail()), skipped.getReason());
    RequiredPartAbsentException e = assertThrows(RequiredPartAbsentException.class,
        () -> RequirementCondition.decide(absent, Optional.of("VIPB_REQUIRE_DOCKER")));
    assertTrue(e.getMessage().startsWith(absent.detail()) && e.getMessage().contains("VIPB_REQUIRE_DOCKER"),
        e.getMessage());
    assertFalse(RequirementCondition.decide(Probe.present("engine"), Optional.of("VIPB_REQUIRE_DOCKER")).isDisabled());
  }

  @Test
  void noDockerEngineAtTheSocketSaysWhereAndHowToStartOne() {
    Probe p = Docker.probe("unix://" + dir.resolve("docker.sock"), "vipb-busybox:latest");
    assertFalse(p.present());
    assertTrue(p.detail().startsWith("no Docker engine at unix://" + dir.resolve("docker.sock")), p.detail());
    assertTrue(p.detail().contains("scripts/docker-up.sh"), p.detail());
  }

  @Test
  void noPodmanServiceAtTheSocketSaysWhereAndHowToStartOne() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(bin.resolve("podman"), "#!/bin/sh\nexit 1\n");
    Files.setPosixFilePermissions(bin.resolve("podman"), PosixFilePermissions.fromString("rwx------"));
    Probe p = Podman.probe("unix://" + dir.resolve("podman.sock"), "vipb-busybox:latest", bin.toString());
    assertFalse(p.present());
    assertTrue(p.detail().startsWith("no Podman service at unix://" + dir.resolve("podman.sock")), p.detail());
    assertTrue(p.detail().contains("scripts/podman-up.sh"), p.detail());
    Probe noCommand = Podman.probe("unix://" + dir.resolve("podman.sock"), "vipb-busybox:latest", dir.toString());
    assertTrue(noCommand.detail().startsWith("podman is not on the PATH"), noCommand.detail());
  }

  @Test
  void aMissingSlurmConfigurationIsNoClusterAtOnce() {
    long start = System.nanoTime();
    Probe p = Slurm.cluster(dir.resolve("slurm.conf"));
    assertFalse(p.present());
    assertTrue(p.detail().contains(dir.resolve("slurm.conf").toString()) && p.detail().contains("scripts/slurm-up.sh"),
        p.detail());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "sinfo was not asked to retry for a minute");
  }

  @Test
  void aPythonWithoutTheReferencesModulesIsNamedWithTheModuleItLacks() throws Exception {
    assertEquals(Optional.of("does not exist"), Reference.missing(dir.resolve("python3"), dir));
    // A python3 that sees no site packages (as a venv without them): the reference's imports fail.
    Path bare = dir.resolve("bare-python3");
    Files.writeString(bare, "#!/bin/sh\nexec python3 -S \"$@\"\n");
    Files.setPosixFilePermissions(bare, PosixFilePermissions.fromString("rwx------"));
    Optional<String> missing = Reference.missing(bare, dir);
    assertTrue(missing.isPresent(), "a python without site packages cannot run the reference");
    assertTrue(missing.get().startsWith("fails: "), missing.get());
  }
}
