package org.vipboutiques.recon.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.recon.cuda.EnabledIfCuda;

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
}
