package org.vipboutiques.recon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Executor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.Executors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;

/**
 * The whole chain through vip-boutiques' local executor: phantom -> sinogram -> reconstruction,
 * checked against the phantom by the tool's own quality options (a failed check is exit code 3).
 * Each step's output file is the next step's input, passed as a relative path, as a user would.
 */
class LocalExecutorChainTest {

  @TempDir
  static Path work;

  static Executor executor;
  static String path;
  static final Boutiques BOUTIQUES = Boutiques.create();

  @BeforeAll
  static void open() throws Exception {
    path = VipReconOnPath.install(work);
    executor = Executors.create(ExecutorConfig.builder("local").baseDirectory(work.resolve("jobs")).build());
  }

  @AfterAll
  static void close() {
    executor.close();
  }

  /** Runs a step in the shared folder {@code data} and returns its result. */
  private static JobResult step(String tool, String invocation) throws Exception {
    Descriptor d = BOUTIQUES.load(Repository.root().resolve("descriptors/vip-recon-" + tool + ".json"));
    Path data = Files.createDirectories(work.resolve("data"));
    JobResult r = executor.submit(JobRequest.builder(d, BOUTIQUES.invocation(d,
        BOUTIQUES.parser().parseObject(invocation, tool))).workDirectory(data).environment("PATH", path).build()).await();
    assertEquals(JobState.SUCCEEDED, r.state(), tool + ": " + r.failure().orElse("") + "\n" + r.stderrTail());
    return r;
  }

  @Test
  void phantomSinogramFbpMatchesThePhantom() throws Exception {
    step("phantom", "{\"size\": 128, \"views\": 180, \"output_prefix\": \"head\", \"sinogram_name\": \"head_sino.nii\"}");
    JobResult fbp = step("fbp", "{\"sinogram\": \"head_sino.nii\", \"reference\": \"head.nii\", \"max_rmse\": 0.002,"
        + " \"output_prefix\": \"head_fbp\"}");
    assertTrue(fbp.outputFiles().values().stream().flatMap(l -> l.stream())
        .anyMatch(f -> f.getFileName().toString().equals("head_fbp.nii")), fbp.outputFiles().toString());
  }

  @Test
  void phantomProjectMlemIncreasesTheLikelihood() throws Exception {
    step("phantom", "{\"size\": 64, \"output_prefix\": \"activity\"}");
    step("project", "{\"image\": \"activity.nii\", \"views\": 60, \"counts\": 200000, \"seed\": 5,"
        + " \"output_prefix\": \"counts\"}");
    step("mlem", "{\"counts\": \"counts.nii\", \"iterations\": 12, \"require_monotone\": true,"
        + " \"output_prefix\": \"mlem\"}");
  }
}
