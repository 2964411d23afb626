package org.vipboutiques.dirac.wrapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's side of issue 11 item 1: a summary and an outputs tar that do not match (what the
 * old wrapper sent: {@code "path": ""} and the whole run folder twice, made here by GNU tar) are
 * refused, never a success with empty files.
 */
class SandboxOutputsTest {

  @TempDir
  Path tmp;

  Path run() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(run.resolve("out.txt"), "made\n");
    Files.writeString(run.resolve("b.txt"), "two\n");
    Files.writeString(run.resolve("scratch.tmp"), "scratch\n");
    return run;
  }

  Path gnuTar(Path dir, String... args) throws Exception {
    Path tar = tmp.resolve("vipb-outputs.tar");
    List<String> cmd = new ArrayList<>(List.of("tar", "cf", tar.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return tar;
  }

  static ResultSummary summary(String outputs) {
    return ResultSummary.parse("{\"key\": \"k\", \"class\": \"ok\", \"wrapperExit\": 0, \"toolExit\": 0, \"outputs\": ["
        + outputs + "]}");
  }

  @Test
  void whatTheOldWrapperSentIsRefused() throws Exception {
    Path tar = gnuTar(run(), "./", "./");
    Path job = Files.createDirectories(tmp.resolve("job"));
    Optional<String> problem = SandboxOutputs.unpack(summary(
        "{\"id\": \"a\", \"path\": \"\", \"size\": 5, \"lfn\": \"out.txt\", \"inSandbox\": true},"
            + " {\"id\": \"b\", \"path\": \"\", \"size\": 4, \"lfn\": \"b.txt\", \"inSandbox\": true}"),
        tar, job, SandboxArchive.Limits.DEFAULT);
    assertTrue(problem.orElseThrow().contains("not a path under"), problem.toString());
    try (var files = Files.list(job)) {
      assertEquals(0, files.count(), "nothing unpacked");
    }
  }

  @Test
  void anArchiveHoldingMoreThanTheReportedOutputsIsRefused() throws Exception {
    Path tar = gnuTar(run(), "./");
    Path job = Files.createDirectories(tmp.resolve("job"));
    Optional<String> problem = SandboxOutputs.unpack(summary(
        "{\"id\": \"a\", \"path\": \"out.txt\", \"size\": 5, \"inSandbox\": true}"), tar, job,
        SandboxArchive.Limits.DEFAULT);
    assertTrue(problem.orElseThrow().contains("refused"), problem.toString());
    assertFalse(Files.exists(job.resolve("scratch.tmp")));
  }

  @Test
  void anOutputThatCameBackWithOtherBytesIsAProblem() throws Exception {
    Path tar = gnuTar(run(), "./out.txt");
    Path job = Files.createDirectories(tmp.resolve("job"));
    Optional<String> problem = SandboxOutputs.unpack(summary(
        "{\"id\": \"a\", \"path\": \"out.txt\", \"size\": 500, \"inSandbox\": true}"), tar, job,
        SandboxArchive.Limits.DEFAULT);
    assertTrue(problem.orElseThrow().contains("came back with 5 bytes"), problem.toString());
  }

  @Test
  void matchingOutputsAreUnpacked() throws Exception {
    Path tar = gnuTar(run(), "./out.txt", "./b.txt");
    Path job = Files.createDirectories(tmp.resolve("job"));
    Optional<String> problem = SandboxOutputs.unpack(summary(
        "{\"id\": \"a\", \"path\": \"out.txt\", \"size\": 5, \"inSandbox\": true},"
            + " {\"id\": \"b\", \"path\": \"b.txt\", \"size\": 4, \"inSandbox\": true}"), tar, job,
        SandboxArchive.Limits.DEFAULT);
    assertEquals(Optional.empty(), problem);
    assertEquals("made\n", Files.readString(job.resolve("out.txt")));
    assertEquals("two\n", Files.readString(job.resolve("b.txt")));
  }
}
