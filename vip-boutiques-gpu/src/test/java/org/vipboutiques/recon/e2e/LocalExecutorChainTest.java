package org.vipboutiques.recon.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vipboutiques.execution.JobResult;

/**
 * The whole chain through vip-boutiques' local executor: phantom -> sinogram -> reconstruction,
 * checked against the phantom by the tool's own quality options (a failed check is exit code 3).
 * Each step's output file is the next step's input, passed as a relative path, as a user would.
 */
class LocalExecutorChainTest {

  @RegisterExtension
  static final ToolChain chain = new ToolChain();

  @Test
  void phantomSinogramFbpMatchesThePhantom() throws Exception {
    chain.step("phantom", "{\"size\": 128, \"views\": 180, \"output_prefix\": \"head\", \"sinogram_name\": \"head_sino.nii\"}");
    JobResult fbp = chain.step("fbp", "{\"sinogram\": \"head_sino.nii\", \"reference\": \"head.nii\", \"max_rmse\": 0.002,"
        + " \"output_prefix\": \"head_fbp\"}");
    assertTrue(fbp.outputFiles().values().stream().flatMap(l -> l.stream())
        .anyMatch(f -> f.getFileName().toString().equals("head_fbp.nii")), fbp.outputFiles().toString());
  }

  @Test
  void phantomProjectMlemIncreasesTheLikelihood() throws Exception {
    chain.step("phantom", "{\"size\": 64, \"output_prefix\": \"activity\"}");
    chain.step("project", "{\"image\": \"activity.nii\", \"views\": 60, \"counts\": 200000, \"seed\": 5,"
        + " \"output_prefix\": \"counts\"}");
    chain.step("mlem", "{\"counts\": \"counts.nii\", \"iterations\": 12, \"require_monotone\": true,"
        + " \"output_prefix\": \"mlem\"}");
  }
}
