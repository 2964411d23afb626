package org.vipboutiques.recon.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jcuda.CudaException;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CUDA emulator is strict where a real GPU would fail or silently misbehave, so that passing the
 * GPU-vs-CPU tests on it means something: out-of-bounds kernels, copies past a buffer, reads of memory
 * nobody wrote, stale or too-new PTX, threads that race. Runs only on the emulator (the pom's cuda-emulator execution).
 */
@EnabledIfCudaEmulator
class CudaEmulatorTest {
  private CudaContext ctx;

  @BeforeEach
  void onTheEmulator() {
    ctx = CudaProbe.result().context().orElseThrow();
    ctx.makeCurrent();
  }

  @Test
  void theProbeNamesTheEmulatorAndAnOldDriver() {
    String detail = CudaProbe.availability().detail();
    assertTrue(detail.contains("vipb CUDA emulator (CPU)"), detail);
    assertEquals(75, ctx.device().computeMajor() * 10 + ctx.device().computeMinor());
  }

  @Test
  void aKernelReadingPastItsBufferFailsWithAnIllegalAddress() {
    try (DeviceBuffer in = DeviceBuffer.of(new float[100]); DeviceBuffer out = DeviceBuffer.floats(2 * 128)) {
      // Two rows of 100 bins read from a buffer that holds one.
      CudaBackendException e = assertThrows(CudaBackendException.class,
          () -> ctx.kernel("parallel_beam", "pad_rows").launch(RowLaunch.grid(128, 2), RowLaunch.BLOCK, in, out, 100,
              128, 2));
      assertTrue(e.getMessage().contains("CUDA_ERROR_ILLEGAL_ADDRESS"), e.getMessage());
    }
  }

  @Test
  void theSameKernelInBoundsWorksAfterAFault() {
    float[] row = new float[100];
    for (int i = 0; i < row.length; i++) {
      row[i] = i + 1;
    }
    try (DeviceBuffer in = DeviceBuffer.of(row); DeviceBuffer out = DeviceBuffer.floats(128)) {
      ctx.kernel("parallel_beam", "pad_rows").launch(RowLaunch.grid(128, 1), RowLaunch.BLOCK, in, out, 100, 128, 1);
      float[] padded = new float[128];
      out.download(padded, 0, 128);
      float[] expected = Arrays.copyOf(row, 128);
      assertArrayEquals(expected, padded);
    }
  }

  @Test
  void memoryNobodyWroteReadsAsNan() {
    try (DeviceBuffer b = DeviceBuffer.floats(64)) {
      float[] host = new float[64];
      b.download(host, 0, 64);
      for (float v : host) {
        assertTrue(Float.isNaN(v), "fresh device memory is NaN on the emulator, not a convenient 0");
      }
      b.zero();
      b.download(host, 0, 64);
      assertEquals(0f, host[63]);
    }
  }

  @Test
  void copiesPastTheEndOfABufferAreRefused() {
    try (DeviceBuffer b = DeviceBuffer.floats(10)) {
      assertThrows(CudaException.class, () -> b.upload(new float[11], 0, 11));
      assertThrows(CudaException.class, () -> b.download(new float[11], 0, 11));
    }
  }

  @Test
  void ptxNewerThanTheDriverOrOutOfStepWithTheSourcesIsRefused() {
    String ptx = new String(CudaContext.ptx("emission"), StandardCharsets.US_ASCII);
    // What nvcc of CUDA 13 writes before scripts/build-ptx.sh lowers it: an 11.8 driver cannot load it.
    assertRefused(ptx.replace("\n.version 7.0\n", "\n.version 9.0\n"));
    // A parameter whose size no longer matches the .cu source (a stale PTX).
    assertRefused(ptx.replaceFirst("\\.param \\.u32 fill_param_2", ".param .u64 fill_param_2"));
    // A kernel the sources do not have.
    assertRefused(ptx.replace(".entry fill(", ".entry fill_all("));
    CUmodule ok = new CUmodule();
    JCudaDriver.cuModuleLoadData(ok, ptx);
  }

  /** The PTX side of src/test/emulator/selftest/racy.cu: entries and parameters only, which is what the emulator reads. */
  private static final String RACY_PTX = ".version 7.0\n.target sm_75\n.address_size 64\n\n"
      + ".visible .entry racy_shift(\n\t.param .u64 racy_shift_param_0,\n\t.param .u32 racy_shift_param_1\n)\n{\n\tret;\n}\n\n"
      + ".visible .entry racy_sum(\n\t.param .u64 racy_sum_param_0,\n\t.param .u64 racy_sum_param_1\n)\n{\n\tret;\n}\n";

  private static Kernel racy(String name) {
    CUmodule module = new CUmodule();
    JCudaDriver.cuModuleLoadData(module, RACY_PTX);
    CUfunction f = new CUfunction();
    JCudaDriver.cuModuleGetFunction(f, module, name);
    return new Kernel(f, PtxSignature.parse(RACY_PTX).get(name));
  }

  @Test
  void threadsThatReadWhatOthersWriteWithoutABarrierShowTheirRace() {
    float[] a = new float[512];
    for (int i = 0; i < a.length; i++) {
      a[i] = i;
    }
    try (DeviceBuffer d = DeviceBuffer.of(a)) {
      racy("racy_shift").launch(Dim3.of(2, 1, 1), Dim3.of(256, 1, 1), d, a.length);
      float[] got = new float[a.length];
      d.download(got, 0, a.length);
      float[] inOrder = new float[a.length];
      for (int i = 0; i < a.length; i++) {
        inOrder[i] = i + 1 < a.length ? i + 1 : i;
      }
      assertFalse(Arrays.equals(inOrder, got), "a first-to-last loop hides the race; the emulator must not");
    }
  }

  @Test
  void aReductionMissingItsBarrierGivesAWrongSum() {
    float[] ones = new float[512];
    Arrays.fill(ones, 1f);
    try (DeviceBuffer in = DeviceBuffer.of(ones); DeviceBuffer out = DeviceBuffer.floats(2)) {
      racy("racy_sum").launch(Dim3.of(2, 1, 1), Dim3.of(256, 1, 1), in, out);
      float[] sums = new float[2];
      out.download(sums, 0, 2);
      // Last-to-first happens to honour the missing barrier; first-to-last does not: blocks alternate.
      assertTrue(sums[0] != 256f || sums[1] != 256f, Arrays.toString(sums));
    }
  }

  private static void assertRefused(String ptx) {
    CudaException e = assertThrows(CudaException.class, () -> JCudaDriver.cuModuleLoadData(new CUmodule(), ptx));
    assertTrue(e.getMessage().startsWith("CUDA_ERROR_"), e.getMessage());
  }
}
