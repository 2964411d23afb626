package org.vipboutiques.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.job.JobFolder;
import org.vipboutiques.slurm.script.BatchScript;
import org.vipboutiques.testing.conditions.EnabledIfSlurm;

/**
 * On the real cluster, the files of a Slurm job are its user's alone (issue 11, item 13: the
 * environment file was world-readable): every file the library, the batch script or Slurm itself
 * writes for the job is 0600 (scripts 0700) and its folders 0700, while the tool's own files keep
 * the submitter's umask.
 */
@EnabledIfSlurm
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SlurmJobFilesTest {

  @TempDir
  Path base;

  SlurmExecutor executor;

  @BeforeEach
  void open() throws Exception {
    executor = SlurmCluster.executor(base, Map.of());
  }

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  /** The mode a file this process makes gets from its umask: what the tool's own files should get. */
  String umaskMode() throws Exception {
    return mode(Files.createFile(base.resolve("umask-probe")));
  }

  static JobRequest request(Descriptor d, String invocation) {
    return JobRequest.builder(d, Tools.invocation(d, invocation)).environment("VIPB_SECRET", "s3cret").build();
  }

  @Test
  void aJobsFilesAreOwnerOnlyAndTheToolKeepsTheSubmittersUmask() throws Exception {
    Descriptor d = Tools.tool("echo $VIPB_SECRET > [OUT]", "[{\"id\": \"r\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
    JobResult r = executor.submit(request(d, "{\"out\": \"result.txt\"}")).await();
    assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
    Path dir = r.workDirectory();
    assertEquals("s3cret\n", Files.readString(dir.resolve("result.txt")));
    Map<String, String> modes = new LinkedHashMap<>();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(".", "rwx------");
    for (String f : List.of(BatchScript.ENVIRONMENT_FILE, BatchScript.FILE, BatchScript.SLURM_OUT, BatchScript.SLURM_ERR,
        BatchScript.EXIT_CODE_FILE, JobFolder.STDOUT, JobFolder.STDERR, JobFolder.DESCRIPTOR, JobFolder.INVOCATION)) {
      expected.put(f, "rw-------");
    }
    expected.put(JobFolder.SCRIPT, "rwx------");
    expected.put("result.txt", umaskMode());
    for (String f : expected.keySet()) {
      modes.put(f, mode(dir.resolve(f)));
    }
    assertEquals(expected, modes);
  }

  @Test
  void anArraysFolderAndSlurmFilesAreOwnerOnly() throws Exception {
    Descriptor d = Tools.tool("echo $VIPB_SECRET", null);
    List<JobRequest> requests = List.of(request(d, "{}"), request(d, "{}"));
    List<Job> jobs = executor.submitAll(requests);
    List<String> open = new ArrayList<>();
    for (Job j : jobs) {
      JobResult r = j.await();
      assertEquals(JobState.SUCCEEDED, r.state(), r.toString());
      assertEquals("s3cret\n", r.stdoutTail());
    }
    try (var all = Files.walk(base)) {
      for (Path p : all.filter(p -> !p.equals(base) && !p.getFileName().toString().equals("umask-probe")).toList()) {
        String m = mode(p);
        if (!m.endsWith("------")) {
          open.add(base.relativize(p) + " " + m);
        }
      }
    }
    assertEquals(List.of(), open, "files or folders others can read");
  }
}
