package org.vipboutiques.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.testing.conditions.Docker;
import org.vipboutiques.testing.conditions.EnabledIfDocker;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/**
 * {@code launch} through the real back ends: the command's options reach Docker and Slurm, and a
 * tool's outputs come back. Skipped where an engine or a cluster is absent; failed where CI
 * requires them (VIPB_REQUIRE_DOCKER, VIPB_REQUIRE_SLURM): {@link EnabledIfDocker}, {@link EnabledIfSlurm}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LaunchBackendsTest {

  static final String IMAGE = Docker.testImage();

  @TempDir
  Path dir;

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
  @EnabledIfDocker
  void launchRunsTheToolInItsDockerImage() throws Exception {
    String inDocker = MainTest.RUNNABLE.replace("\"tests\":",
        "\"container-image\": {\"type\": \"docker\", \"image\": \"" + IMAGE + "\"}, \"tests\":");
    JsonObject r = launch(inDocker, "--executor", "docker", "-o", "pull=never", "-o", "docker-host=" + Docker.host());
    assertEquals("succeeded", r.string("state").orElseThrow(), r.toJson());
    assertTrue(r.string("container-command").orElseThrow().startsWith("docker run"), r.toJson());
    assertEquals("hello world\n", output(r));
  }

  @Test
  @EnabledIfSlurm
  void launchRunsTheToolOnSlurmInThePartitionGiven() throws Exception {
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
