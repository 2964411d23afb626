package org.vipboutiques.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonParser;

/**
 * {@code launch} through the real back ends: the command's options reach Docker and Slurm, and a
 * tool's outputs come back. Skipped where an engine or a cluster is absent; failed where CI
 * requires them (VIPB_REQUIRE_DOCKER, VIPB_REQUIRE_SLURM).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LaunchBackendsTest {

  static final String IMAGE = Optional.ofNullable(System.getenv("VIPB_TEST_IMAGE")).orElse("vipb-busybox:latest");

  @TempDir
  Path dir;

  /** Skips, or fails where {@code requiredBy} is set to 1, unless the command succeeds. */
  static void require(String requiredBy, String why, String... command) {
    boolean ok;
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      ok = false;
    }
    if (!ok && "1".equals(System.getenv(requiredBy))) {
      fail(why);
    }
    assumeTrue(ok, why);
  }

  JsonObject launch(String descriptor, String... options) throws Exception {
    Path tool = Files.writeString(dir.resolve("tool.json"), descriptor);
    String[] args = new String[options.length + 6];
    args[0] = "launch";
    args[1] = tool.toString();
    args[2] = "{\"name\": \"world\"}";
    args[3] = "--jobs-dir";
    args[4] = dir.resolve("jobs").toString();
    args[5] = "--json";
    System.arraycopy(options, 0, args, 6, options.length);
    MainTest.Run r = MainTest.run("", args);
    assertEquals(0, r.code(), r.err() + r.out());
    return (JsonObject) JsonParser.withDefaults().parse(r.out(), "out");
  }

  static String output(JsonObject result) throws Exception {
    JsonArray paths = (JsonArray) ((JsonObject) result.members().get("output-files")).members().get("out");
    return Files.readString(Path.of(((JsonString) paths.items().get(0)).value()), StandardCharsets.UTF_8);
  }

  @Test
  void launchRunsTheToolInItsDockerImage() throws Exception {
    require("VIPB_REQUIRE_DOCKER", "no Docker engine with " + IMAGE + " (scripts/docker-up.sh)",
        "docker", "image", "inspect", IMAGE);
    String inDocker = MainTest.RUNNABLE.replace("\"tests\":",
        "\"container-image\": {\"type\": \"docker\", \"image\": \"" + IMAGE + "\"}, \"tests\":");
    JsonObject r = launch(inDocker, "--executor", "docker", "-o", "pull=never");
    assertEquals("succeeded", r.string("state").orElseThrow(), r.toJson());
    assertTrue(r.string("container-command").orElseThrow().startsWith("docker run"), r.toJson());
    assertEquals("hello world\n", output(r));
  }

  @Test
  void launchRunsTheToolOnSlurmInThePartitionGiven() throws Exception {
    require("VIPB_REQUIRE_SLURM", "no Slurm cluster answers (scripts/slurm-up.sh)", "sinfo");
    Process p = new ProcessBuilder("sinfo", "--noheader", "--format=%R").start();
    String partition = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
        .orElseThrow().strip();
    JsonObject r = launch(MainTest.RUNNABLE, "--executor", "slurm", "--partition", partition, "--no-container");
    assertEquals("succeeded", r.string("state").orElseThrow(), r.toJson());
    assertTrue(r.string("backend-state").orElseThrow().startsWith("COMPLETED"), r.toJson());
    assertTrue(Files.readString(Path.of(r.string("work-directory").orElseThrow()).resolve(".vipb-slurm.sh"))
        .contains("#SBATCH --partition=" + partition), r.toJson());
    assertEquals("hello world\n", output(r));
  }
}
