package org.vipboutiques.recon.cuda;

import java.util.Arrays;
import jcuda.jcufft.JCufft;
import jcuda.jcufft.cufftHandle;
import jcuda.jcufft.cufftType;

/** A batched cuFFT plan on contiguous data (the basic layout), destroyed by {@link #close()}. */
final class CufftPlan implements AutoCloseable {
  private final cufftHandle handle = new cufftHandle();
  private boolean destroyed;

  private CufftPlan(int[] dims, int batch, int type) {
    try {
      JCufft.cufftPlanMany(handle, dims.length, dims, null, 1, 0, null, 1, 0, type, batch);
    } catch (RuntimeException e) {
      throw new CudaBackendException("cuFFT plan " + cufftType.stringFor(type) + " " + Arrays.toString(dims)
          + " x " + batch + " failed: " + e.getMessage(), e);
    }
  }

  /** Real-to-complex transforms of length n, batch of them (input n reals, output n/2+1 complex each). */
  static CufftPlan realToComplex(int n, int batch) {
    return new CufftPlan(new int[] {n}, batch, cufftType.CUFFT_R2C);
  }

  static CufftPlan complexToReal(int n, int batch) {
    return new CufftPlan(new int[] {n}, batch, cufftType.CUFFT_C2R);
  }

  /** Complex transforms over dims (slowest first, e.g. {ny, nx}), batch of them. */
  static CufftPlan complex(int[] dims, int batch) {
    return new CufftPlan(dims, batch, cufftType.CUFFT_C2C);
  }

  void forward(DeviceBuffer realIn, DeviceBuffer complexOut) {
    JCufft.cufftExecR2C(handle, realIn.pointer(), complexOut.pointer());
  }

  void inverse(DeviceBuffer complexIn, DeviceBuffer realOut) {
    JCufft.cufftExecC2R(handle, complexIn.pointer(), realOut.pointer());
  }

  /** Unnormalised inverse complex transform, in place. */
  void inverseInPlace(DeviceBuffer data) {
    JCufft.cufftExecC2C(handle, data.pointer(), data.pointer(), JCufft.CUFFT_INVERSE);
  }

  @Override
  public void close() {
    if (!destroyed) {
      destroyed = true;
      JCufft.cufftDestroy(handle);
    }
  }
}
