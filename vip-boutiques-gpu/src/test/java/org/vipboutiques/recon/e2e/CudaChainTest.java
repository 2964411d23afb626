package org.vipboutiques.recon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.DescriptorTest;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.recon.cuda.EnabledIfCuda;
import org.vipboutiques.testing.ToolTestOutcome;
import org.vipboutiques.testing.ToolTestRunner;

/**
 * The whole chain on the CUDA back end: descriptor -> invocation with {@code "backend": "cuda"} -> local
 * executor -> vip-recon -> CUDA kernels -> the tool's own quality check (exit code 3 when it fails).
 * Runs on a real GPU, or on the CUDA emulator in the pom's cuda-emulator execution (the tool's process
 * inherits LD_LIBRARY_PATH); skips where neither is usable.
 */
@EnabledIfCuda
class CudaChainTest {

  @RegisterExtension
  static final ToolChain chain = new ToolChain();

  private static void ranOnCuda(JobResult r) {
    assertTrue(r.stdoutTail().contains(" on CUDA on "), "the tool says it ran on CUDA:\n" + r.stdoutTail());
  }

  @Test
  void fbpOfTheExactSinogramOnCudaPassesTheRoiBar() throws Exception {
    chain.step("phantom", "{\"size\": 128, \"views\": 180, \"output_prefix\": \"head\", \"sinogram_name\": \"head_sino.nii\"}");
    ranOnCuda(chain.step("fbp", "{\"sinogram\": \"head_sino.nii\", \"reference\": \"head.nii\", \"max_rmse\": 0.002,"
        + " \"backend\": \"cuda\", \"output_prefix\": \"head_fbp_cuda\"}"));
  }

  @Test
  void fdkMriAndMlemOnCudaPassTheirChecks() throws Exception {
    ranOnCuda(chain.step("fdk", "{\"phantom\": \"shepp-logan\", \"size\": 48, \"views\": 120, \"max_rmse\": 0.02,"
        + " \"backend\": \"cuda\", \"output_prefix\": \"fdk48_cuda\"}"));
    ranOnCuda(chain.step("mri", "{\"phantom\": \"shepp-logan\", \"size\": 256, \"coils\": 8, \"roi\": \"all\","
        + " \"max_nmse\": 0.001, \"backend\": \"cuda\", \"output_prefix\": \"mri256_cuda\"}"));
    ranOnCuda(chain.step("mlem", "{\"phantom\": \"shepp-logan\", \"size\": 64, \"views\": 60, \"counts_total\": 100000,"
        + " \"iterations\": 10, \"require_monotone\": true, \"backend\": \"cuda\", \"output_prefix\": \"mlem_cuda\"}"));
  }

  /**
   * The shipped descriptors' tolerance tests (vip:reference against results stored from the CPU back end)
   * pass unchanged on the CUDA back end: the same test, with {@code "backend": "cuda"}. MLEM's is left to
   * the CPU run of DescriptorTestsTest: its iterations take minutes on the one-thread emulator.
   */
  @Test
  void theShippedToleranceTestsPassOnCuda() throws Exception {
    Boutiques boutiques = Boutiques.create();
    Path folder = Repository.root().resolve("descriptors");
    int ran = 0;
    try (JobExecutor executor = JobExecutors.create(ExecutorConfig.builder("local")
        .baseDirectory(Files.createTempDirectory("cuda-descriptor-tests")).build())) {
      for (String tool : List.of("fbp", "fdk", "mri", "project")) {
        Descriptor d = boutiques.load(folder.resolve("vip-recon-" + tool + ".json"));
        for (DescriptorTest t : d.tests()) {
          if (t.outputFiles().stream().noneMatch(a -> a.reference().isPresent())) {
            continue;
          }
          DescriptorTest onCuda = new DescriptorTest(t.name(), t.invocation().with("backend", new JsonString("cuda")),
              t.exitCode(), t.outputFiles(), t.logAssertions());
          ToolTestOutcome outcome = new ToolTestRunner(boutiques, executor,
              b -> b.environment("PATH", chain.path())).referenceDirectory(folder).run(d, onCuda);
          assertTrue(outcome.passed(), tool + ": " + outcome.problems());
          ranOnCuda(outcome.result().orElseThrow());
          ran++;
        }
      }
    }
    assertEquals(4, ran);
  }
}
