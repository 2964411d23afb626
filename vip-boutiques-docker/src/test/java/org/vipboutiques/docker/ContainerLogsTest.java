package org.vipboutiques.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.container.ContainerLabels;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.job.LogCapture;
import org.vipboutiques.testing.conditions.EnabledIfDocker;

/** A container's output is whole in the job's captures, once, however the follow of its log ends. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@EnabledIfDocker
class ContainerLogsTest {

  @TempDir
  Path folder;

  DockerConnection connection;
  DockerClient client;
  final List<String> containers = new ArrayList<>();
  LogCapture out;
  LogCapture err;

  @BeforeEach
  void open() throws Exception {
    connection = new DockerConnection(ExecutorConfig.builder("docker").setting("docker-host", DockerEngine.host())
        .build());
    client = connection.client();
    out = new LogCapture(folder.resolve("out"), 1024, l -> { });
    err = new LogCapture(folder.resolve("err"), 1024, l -> { });
  }

  @AfterEach
  void close() throws Exception {
    // Null-safe: a failed open() must show its own error, not this method's.
    if (out != null) {
      out.close();
    }
    if (err != null) {
      err.close();
    }
    if (client != null) {
      containers.forEach(id -> ContainerReaper.remove(client, id));
    }
    if (connection != null) {
      connection.close();
    }
  }

  String start(String script) {
    String id = client.createContainerCmd(DockerEngine.TEST_IMAGE).withEntrypoint("/bin/sh").withCmd("-c", script)
        .withLabels(Map.of(ContainerLabels.LABEL, "true")).exec().getId();
    containers.add(id);
    client.startContainerCmd(id).exec();
    return id;
  }

  void awaitExit(String id) {
    client.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
  }

  @Test
  void aLastLineWithoutNewlineIsKeptAndNothingIsWrittenTwice() throws Exception {
    String id = start("sleep 1; echo a; echo e >&2; printf b");
    ContainerLogs logs = new ContainerLogs(client, id, out, err).follow();
    awaitExit(id);
    logs.complete(Duration.ofSeconds(30));
    out.close();
    assertEquals("a\nb", out.tail());
    assertEquals("e\n", err.tail());
    assertEquals("a\nb", Files.readString(folder.resolve("out")));
  }

  @Test
  void aFollowThatDeliveredNothingIsCompletedFromTheStoredLog() throws Exception {
    String id = start("printf 'a\\nb'; echo e >&2");
    awaitExit(id);
    // Never followed: what the race does to a container that exits as the follow begins.
    assertEquals(5, new ContainerLogs(client, id, out, err).complete(Duration.ofSeconds(30)));
    assertEquals("a\nb", out.tail());
    assertEquals("e\n", err.tail());
  }
}
