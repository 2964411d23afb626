package org.vipboutiques.recon.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the committed PTX without a GPU: an old ISA version, the sm_75 target, one entry per CUDA
 * source kernel, and the parameter lists the Java launches pass (the same check runs before every
 * launch on a GPU).
 */
class PtxKernelsTest {
  private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
      Map.entry("parallel_beam.pad_rows", List.of("u64", "u64", "u32", "u32", "u32")),
      Map.entry("parallel_beam.multiply_response", List.of("u64", "u64", "u32", "u32")),
      Map.entry("parallel_beam.backproject",
          List.of("u64", "u32", "u64", "u32", "u32", "u64", "u64", "u32", "u32", "f32")),
      Map.entry("parallel_beam.project", List.of("u64", "u32", "u32", "u32", "u32", "u64", "u64", "f32")),
      Map.entry("cone_beam.weight_pad", List.of("u64", "u64", "u32", "u32", "u32", "u32", "f32", "f32", "f32")),
      Map.entry("cone_beam.backproject", List.of("u64", "u32", "u32", "u32", "u32", "u64", "u64", "u32", "u32", "u32",
          "f32", "f32", "f32", "f32", "f32", "f32")),
      Map.entry("emission.fill", List.of("u64", "f32", "u32")),
      Map.entry("emission.ratio", List.of("u64", "u64", "f32", "u32")),
      Map.entry("emission.update", List.of("u64", "u64", "u64", "u32")),
      Map.entry("emission.log_likelihood", List.of("u64", "u64", "f32", "u32", "u64")),
      Map.entry("mri.ifftshift", List.of("u64", "u64", "u32", "u32", "u32", "u32")),
      Map.entry("mri.fftshift_scale", List.of("u64", "u64", "u32", "u32", "u32", "u32", "f32")),
      Map.entry("mri.rss", List.of("u64", "u64", "u32", "u32", "u32", "u32", "f32")),
      Map.entry("fft.stockham4", List.of("u64", "u64", "u64", "u32", "u32", "u32", "u64", "f32")),
      Map.entry("fft.stockham2", List.of("u64", "u64", "u64", "u32", "u32", "u32", "u64", "f32")),
      Map.entry("fft.chirp_gather", List.of("u64", "u64", "u64", "u32", "u32", "u32", "u64")),
      Map.entry("fft.pointwise_multiply", List.of("u64", "u64", "u32", "u64")),
      Map.entry("fft.chirp_scatter", List.of("u64", "u64", "u64", "u32", "u32", "u32", "u64")),
      Map.entry("fft.pack_pairs", List.of("u64", "u64", "u32", "u32", "u64")),
      Map.entry("fft.unpack_pairs", List.of("u64", "u64", "u32", "u32", "u64")),
      Map.entry("fft.multiply_even_response", List.of("u64", "u64", "u32", "u64")),
      Map.entry("ramp.ramp_direct", List.of("u64", "u64", "u64", "u32", "u32", "u32")));

  private static String ptx(String module) {
    byte[] b = CudaContext.ptx(module);
    return new String(b, 0, b.length - 1, StandardCharsets.US_ASCII);
  }

  @Test
  void ptxTargetsAnOldIsaAndSm75() {
    for (String m : CudaContext.MODULES) {
      String text = ptx(m);
      assertTrue(text.contains("\n.version 7.0\n"), m + ": PTX ISA lowered to 7.0 by scripts/build-ptx.sh");
      assertTrue(text.contains("\n.target sm_75\n"), m + ": target sm_75");
      assertTrue(text.contains(".address_size 64"), m);
    }
  }

  @Test
  void entriesAndParameterListsAreTheOnesTheJavaLaunchesPass() {
    TreeSet<String> found = new TreeSet<>();
    for (String m : CudaContext.MODULES) {
      for (PtxSignature s : PtxSignature.parse(ptx(m)).values()) {
        String key = m + "." + s.kernel();
        found.add(key);
        assertEquals(EXPECTED.get(key), s.parameterTypes(), key);
      }
    }
    assertEquals(new TreeSet<>(EXPECTED.keySet()), found);
  }

  @Test
  void ptxIsInSyncWithTheCudaSources() throws IOException {
    Path sources = Path.of(System.getProperty("vip.recon.repo", "..")).resolve("vip-boutiques-gpu/src/main/cuda");
    if (!Files.isDirectory(sources)) {
      sources = Path.of("src/main/cuda");
    }
    Pattern kernel = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(");
    for (String m : CudaContext.MODULES) {
      String cu = Files.readString(sources.resolve(m + ".cu"));
      TreeSet<String> declared = new TreeSet<>();
      Matcher k = kernel.matcher(cu);
      while (k.find()) {
        declared.add(k.group(1));
      }
      assertEquals(declared, new TreeSet<>(PtxSignature.parse(ptx(m)).keySet()), m + ".cu vs " + m + ".ptx");
    }
  }

  /**
   * The committed PTX is what the .cu sources compile to, where nvcc of the same release as the one
   * that wrote it is installed: a kernel edited without scripts/build-ptx.sh would pass the emulator
   * (which compiles the sources) while the GPU ran the old code.
   */
  @Test
  void committedPtxIsWhatTheSourcesCompileTo(@TempDir Path tmp) throws Exception {
    Optional<Path> nvcc = onPath("nvcc");
    assumeTrue(nvcc.isPresent(), "nvcc is not on the PATH");
    Process version = new ProcessBuilder(nvcc.get().toString(), "--version").redirectErrorStream(true).start();
    String release = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
        .filter(l -> l.startsWith("Cuda compilation tools")).findFirst().orElse("?");
    version.waitFor();
    assumeTrue(ptx(CudaContext.MODULES[0]).contains("// " + release + "\n"),
        () -> "the PTX was written by another nvcc than " + release);
    Path repo = Path.of(System.getProperty("vip.recon.repo", ".."));
    assumeTrue(Files.isRegularFile(repo.resolve("scripts/build-ptx.sh")), "scripts/build-ptx.sh not found");
    ProcessBuilder build = new ProcessBuilder("bash", repo.resolve("scripts/build-ptx.sh").toString())
        .redirectErrorStream(true);
    build.environment().put("PTX_OUT", tmp.toString());
    Process p = build.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), log);
    for (String m : CudaContext.MODULES) {
      assertEquals(Files.readString(tmp.resolve(m + ".ptx")), ptx(m),
          m + ".ptx is stale: run scripts/build-ptx.sh and commit the result");
    }
  }

  private static Optional<Path> onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst();
  }

  /**
   * A static check of what the kernels cost on the H100 (sm_90), where ptxas is installed: no register
   * spills and at most 64 registers per thread, so that a block of 256 threads never limits occupancy
   * below half of the SM.
   */
  @Test
  void kernelsAssembleForHopperWithoutSpillsInAtMost64Registers(@TempDir Path tmp) throws Exception {
    Optional<Path> ptxas = onPath("ptxas");
    assumeTrue(ptxas.isPresent(), "ptxas is not on the PATH");
    Pattern used = Pattern.compile("Used (\\d+) registers");
    Pattern spills = Pattern.compile("(\\d+) bytes spill stores, (\\d+) bytes spill loads");
    for (String m : CudaContext.MODULES) {
      Path file = Files.writeString(tmp.resolve(m + ".ptx"), ptx(m));
      Process p = new ProcessBuilder(ptxas.get().toString(), "-arch=sm_90", "-v", "-o", "/dev/null", file.toString())
          .redirectErrorStream(true).start();
      String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), report);
      Matcher r = used.matcher(report);
      int entries = 0;
      while (r.find()) {
        entries++;
        assertTrue(Integer.parseInt(r.group(1)) <= 64, m + ": " + report);
      }
      assertEquals(PtxSignature.parse(ptx(m)).size(), entries, report);
      Matcher s = spills.matcher(report);
      while (s.find()) {
        assertEquals("0 0", s.group(1) + " " + s.group(2), m + " spills: " + report);
      }
    }
  }

  @Test
  void launchesWithWrongArgumentsAreRefusedBeforeReachingTheGpu() {
    PtxSignature s = PtxSignature.parse(ptx("emission")).get("fill");
    s.check(0L, 1f, 3);
    CudaBackendException e = assertThrows(CudaBackendException.class, () -> s.check(0L, 1, 3));
    assertTrue(e.getMessage().contains("parameter 1"), e.getMessage());
    assertThrows(CudaBackendException.class, () -> s.check(0L, 1f));
  }
}
