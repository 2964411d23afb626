package org.vipboutiques.recon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.testing.conditions.EnabledIfReference;
import org.vipboutiques.testing.conditions.Reference;

/**
 * End to end through a Boutiques local executor (the reference bosh, exec launch without container):
 * phantom -> data -> reconstruction -> checked against the phantom by the tool's own quality options,
 * whose failure would turn into exit status 3. Skipped where the reference or its python3 modules are missing
 * ({@link EnabledIfReference}).
 */
@EnabledIfReference
class BoutiquesLaunchTest {
  private static final Pattern EXIT = Pattern.compile("Exit code\\s+(\\d+)");
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

  @TempDir
  Path work;

  private Path bin;

  @BeforeEach
  void findBoshAndPutVipReconOnThePath() throws IOException {
    bin = Files.createDirectories(work.resolve("bin"));
    Path launcher = bin.resolve("vip-recon");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -Xmx1g -cp '" + System.getProperty("java.class.path")
        + "' org.vipboutiques.recon.cli.VipRecon \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "bosh timed out");
    return ANSI.matcher(out).replaceAll("");
  }

  /** Launches {@code tool}'s descriptor on {@code invocation} and returns the tool's exit code. */
  private int launch(String tool, String invocation) throws IOException, InterruptedException {
    Path inv = work.resolve(tool + "-invocation.json");
    Files.writeString(inv, invocation);
    Path descriptor = Repository.root().resolve("descriptors/vip-recon-" + tool + ".json");
    String out = run(Reference.bosh("exec", "launch", "--no-container", "--skip-data-collection", descriptor.toString(),
        inv.toString()));
    Matcher m = EXIT.matcher(out);
    assertTrue(m.find(), "no exit code in bosh's report:\n" + out);
    int code = Integer.parseInt(m.group(1));
    assertEquals(0, code, tool + " failed:\n" + out);
    return code;
  }

  @Test
  void descriptorsValidate() throws IOException, InterruptedException {
    for (Path d : Repository.descriptors()) {
      ProcessBuilder pb = new ProcessBuilder(Reference.bosh("validate", d.toString())).redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), d.getFileName() + ":\n" + out);
    }
  }

  @Test
  void phantomToSinogramToFbpCheckedAgainstThePhantom() throws IOException, InterruptedException {
    launch("phantom", "{\"size\": 128, \"views\": 180, \"output_prefix\": \"head\", \"sinogram_name\": \"head_sino.nii\"}");
    assertTrue(Files.exists(work.resolve("head_sino.nii")));
    launch("fbp", "{\"sinogram\": \"head_sino.nii\", \"reference\": \"head.nii\", \"max_rmse\": 0.002, "
        + "\"output_prefix\": \"head_fbp\"}");
    assertTrue(Files.exists(work.resolve("head_fbp.nii")) && Files.exists(work.resolve("head_fbp.png")));
  }

  @Test
  void phantomToCountsToMlemWithAMonotoneLikelihood() throws IOException, InterruptedException {
    launch("phantom", "{\"size\": 64, \"output_prefix\": \"activity\"}");
    launch("project", "{\"image\": \"activity.nii\", \"views\": 60, \"counts\": 200000, \"seed\": 5, "
        + "\"output_prefix\": \"counts\"}");
    launch("mlem", "{\"counts\": \"counts.nii\", \"iterations\": 12, \"require_monotone\": true, "
        + "\"likelihood_name\": \"ll.tsv\", \"output_prefix\": \"pet\"}");
    List<String> ll = Files.readAllLines(work.resolve("ll.tsv"));
    assertEquals(14, ll.size());
  }

  @Test
  void coneBeamAndMriFromPhantomFiles() throws IOException, InterruptedException {
    launch("phantom", "{\"dimension\": 3, \"size\": 40, \"views\": 120, \"output_prefix\": \"vol\", "
        + "\"projections_name\": \"vol_proj.nii\"}");
    launch("fdk", "{\"projections\": \"vol_proj.nii\", \"reference\": \"vol.nii\", \"max_rmse\": 0.025, "
        + "\"output_prefix\": \"vol_fdk\"}");
    launch("phantom", "{\"size\": 128, \"coils\": 6, \"output_prefix\": \"mr\", \"kspace_name\": \"mr_k.nii\"}");
    launch("mri", "{\"kspace\": \"mr_k.nii\", \"output_prefix\": \"mr_rss\"}");
    assertTrue(Files.exists(work.resolve("mr_rss.nii")));
  }
}
