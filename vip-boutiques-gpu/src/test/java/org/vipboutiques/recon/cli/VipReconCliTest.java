package org.vipboutiques.recon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.recon.geometry.GeometryJson;
import org.vipboutiques.recon.nifti.NiftiBombs;
import org.vipboutiques.recon.nifti.NiftiImage;
import org.vipboutiques.recon.nifti.NiftiReader;
import org.vipboutiques.recon.nifti.NiftiWriter;
import org.vipboutiques.recon.volume.Volume;

/** The command line, in-process: phantom -> data -> reconstruction -> checked against the phantom. */
class VipReconCliTest {
  @TempDir
  Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void phantomSinogramFbpChain() {
    Cli phantom = Cli.run("phantom", "-o", p("ph.nii.gz"), "--size", "128", "--sinogram", p("sino.nii"), "--views", "180",
        "--preview", p("ph.png"));
    assertEquals(0, phantom.status(), phantom.err());
    NiftiImage sino = NiftiReader.read(dir.resolve("sino.nii"));
    assertEquals(List.of(128, 180, 1), sino.header().dims());
    assertEquals("sinogram", sino.header().intentName());
    assertTrue(sino.header().comment().flatMap(GeometryJson::parallel).isPresent(), "geometry travels with the data");
    Cli fbp = Cli.run("fbp", "-i", p("sino.nii"), "-o", p("fbp.nii"), "--reference", p("ph.nii.gz"), "--max-rmse", "0.002",
        "--backend", "auto", "--preview", p("fbp.png"));
    assertEquals(0, fbp.status(), fbp.out() + fbp.err());
    assertTrue(fbp.out().contains("quality (brain): RMSE"), fbp.out());
    assertTrue(Files.exists(dir.resolve("fbp.png")));
    Cli strict = Cli.run("fbp", "-i", p("sino.nii"), "-o", p("fbp2.nii"), "--reference", p("ph.nii.gz"), "--max-rmse", "1e-6");
    assertEquals(ExitCodes.QUALITY, strict.status());
    assertTrue(strict.out().contains("quality check failed"), strict.out());
  }

  @Test
  void conventionOverridesRecoverFlippedAndClockwiseData() {
    // A scanner that rotates clockwise and stores no geometry: only the options can say so.
    assertEquals(0, Cli.run("phantom", "-o", p("ph.nii"), "--size", "96", "--sinogram", p("cw.nii"), "--views", "120",
        "--clockwise").status());
    Volume cw = NiftiReader.read(dir.resolve("cw.nii")).toVolume();
    stripGeometry(cw, "cw-plain.nii", cw.data());
    Cli wrongWay = Cli.run("fbp", "-i", p("cw-plain.nii"), "-o", p("a.nii"), "--reference", p("ph.nii"), "--max-rmse", "0.002");
    assertEquals(ExitCodes.QUALITY, wrongWay.status(), "counter-clockwise is assumed without the option");
    Cli rightWay = Cli.run("fbp", "-i", p("cw-plain.nii"), "-o", p("b.nii"), "--reference", p("ph.nii"), "--max-rmse", "0.002",
        "--clockwise");
    assertEquals(0, rightWay.status(), rightWay.out());
    // A detector whose axis runs the other way.
    stripGeometry(cw, "cw-flipped.nii", reverseBins(cw));
    Cli flipped = Cli.run("fbp", "-i", p("cw-flipped.nii"), "-o", p("c.nii"), "--reference", p("ph.nii"), "--max-rmse",
        "0.002", "--clockwise", "--flip-detector");
    assertEquals(0, flipped.status(), flipped.out());
  }

  private void stripGeometry(Volume v, String name, float[] data) {
    NiftiWriter.writeData(dir.resolve(name), Volume.wrap(v.nx(), v.ny(), 1, v.spacing(), data),
        List.of(v.spacing().dx(), 1.5, 1.0), "sinogram", "", Optional.empty());
  }

  private static float[] reverseBins(Volume v) {
    float[] out = new float[v.size()];
    for (int k = 0; k < v.ny(); k++) {
      for (int b = 0; b < v.nx(); b++) {
        out[k * v.nx() + b] = v.data()[k * v.nx() + v.nx() - 1 - b];
      }
    }
    return out;
  }

  @Test
  void emissionChainWithMonotoneLikelihood() throws IOException {
    assertEquals(0, Cli.run("phantom", "-o", p("act.nii"), "--size", "64").status());
    Cli project = Cli.run("project", "-i", p("act.nii"), "-o", p("counts.nii"), "--views", "60", "--counts", "2e5",
        "--seed", "3", "--backend", "cpu");
    assertEquals(0, project.status(), project.err());
    Cli mlem = Cli.run("mlem", "-i", p("counts.nii"), "-o", p("mlem.nii"), "--iterations", "15", "--require-monotone",
        "--likelihood", p("ll.tsv"));
    assertEquals(0, mlem.status(), mlem.out() + mlem.err());
    assertEquals(17, Files.readAllLines(dir.resolve("ll.tsv")).size(), "header + 16 iterates");
    Cli osem = Cli.run("mlem", "--phantom", "shepp-logan", "--size", "64", "--views", "60", "-o", p("osem.nii"),
        "--subsets", "5", "--iterations", "3", "--reference", p("act.nii"), "--roi", "all", "--max-rmse", "0.5");
    assertEquals(0, osem.status(), osem.out() + osem.err());
  }

  @Test
  void coneBeamAndMriChains() {
    assertEquals(0, Cli.run("phantom", "--dimension", "3", "--size", "32", "-o", p("p3.nii"), "--projections",
        p("proj.nii"), "--views", "90", "--kspace", p("k3.nii")).status());
    Cli fdk = Cli.run("fdk", "-i", p("proj.nii"), "-o", p("fdk.nii"), "--reference", p("p3.nii"), "--max-rmse", "0.03",
        "--preview", p("fdk.png"));
    assertEquals(0, fdk.status(), fdk.out() + fdk.err());
    Cli mri3 = Cli.run("mri", "-i", p("k3.nii"), "-o", p("m3.nii"), "--reference", p("p3.nii"), "--max-nmse", "0.01");
    assertEquals(0, mri3.status(), mri3.out() + mri3.err());
    Cli mri2 = Cli.run("mri", "--phantom", "shepp-logan-modified", "--size", "64", "--coils", "4", "-o", p("m2.nii"));
    assertEquals(0, mri2.status(), mri2.err());
    assertTrue(mri2.out().contains("quality (brain)"), mri2.out());
  }

  @Test
  void errorsAreReportedWithStatusAndMessage() {
    Cli usage = Cli.run("fbp", "--no-such-option");
    assertEquals(ExitCodes.USAGE, usage.status());
    Cli missing = Cli.run("fbp", "-i", p("nope.nii"), "-o", p("x.nii"));
    assertEquals(ExitCodes.FAILURE, missing.status());
    assertTrue(missing.err().contains("no such file"), missing.err());
    Cli both = Cli.run("fbp", "-i", p("nope.nii"), "--phantom", "shepp-logan", "-o", p("x.nii"));
    assertEquals(ExitCodes.FAILURE, both.status());
    assertTrue(both.err().contains("exactly one of --input and --phantom"), both.err());
    Cli badPhantom = Cli.run("fbp", "--phantom", "cat", "-o", p("x.nii"));
    assertTrue(badPhantom.err().contains("unknown phantom"), badPhantom.err());
    Cli noSub = Cli.run();
    assertEquals(ExitCodes.USAGE, noSub.status());
  }

  @Test
  void aNiftiBombIsOneLineAndExitOne() throws Exception {
    // Issue 11, item 11: 54 bytes claiming 1290^3 float32 ended in OutOfMemoryError and a stack trace.
    Path bomb = NiftiBombs.cube(dir.resolve("bomb.nii.gz"), 1290, 0);
    Cli fbp = Cli.run("fbp", "-i", bomb.toString(), "-o", p("x.nii"));
    assertEquals(ExitCodes.FAILURE, fbp.status(), fbp.err());
    assertEquals(1, fbp.err().strip().lines().count(), fbp.err());
    assertTrue(fbp.err().startsWith("vip-recon fbp: " + bomb + ": the header claims 1290x1290x1290 FLOAT32"), fbp.err());
    assertTrue(Files.notExists(dir.resolve("x.nii")));
  }

  @Test
  void anImageLargerThanTheHeapIsOneLineAndExitOne() throws Exception {
    // 320^3 float32 (125 MiB, its zeros compressed to a real 130 KB gzip) in a JVM of 64 MiB.
    Path big = NiftiBombs.cube(dir.resolve("big.nii.gz"), 320, 320L * 320 * 320 * 4);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBin, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        VipRecon.class.getName(), "fbp", "-i", big.toString(), "-o", p("y.nii")).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "vip-recon ended");
    assertEquals(ExitCodes.FAILURE, child.exitValue(), out);
    List<String> lines = out.strip().lines().filter(l -> !l.contains("WARN")).toList();
    assertEquals(1, lines.size(), out);
    assertTrue(lines.get(0).contains("the header claims 320x320x320 FLOAT32, 125 MiB in memory, more than this JVM's heap"),
        out);
    assertTrue(lines.get(0).contains("-Xmx"), out);
  }
}
