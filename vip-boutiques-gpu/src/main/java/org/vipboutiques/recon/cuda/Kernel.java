package org.vipboutiques.recon.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;

/** A kernel of a loaded PTX module, launched with cuLaunchKernel on the default stream. */
final class Kernel {
  private final CUfunction function;
  private final PtxSignature signature;

  Kernel(CUfunction function, PtxSignature signature) {
    this.function = function;
    this.signature = signature;
  }

  /**
   * Launches with arguments in the kernel's order: DeviceBuffer or CUdeviceptr for pointers, Integer
   * for int, Float for float, Long for size_t.
   */
  void launch(Dim3 grid, Dim3 block, Object... args) {
    signature.check(args);
    String name = signature.kernel();
    Pointer[] params = new Pointer[args.length];
    for (int a = 0; a < args.length; a++) {
      Object arg = args[a];
      if (arg instanceof DeviceBuffer b) {
        params[a] = Pointer.to(b.pointer());
      } else if (arg instanceof CUdeviceptr p) {
        params[a] = Pointer.to(p);
      } else if (arg instanceof Integer i) {
        params[a] = Pointer.to(new int[] {i});
      } else if (arg instanceof Float f) {
        params[a] = Pointer.to(new float[] {f});
      } else if (arg instanceof Long l) {
        params[a] = Pointer.to(new long[] {l});
      } else {
        throw new IllegalArgumentException("kernel " + name + ": unsupported argument type " + arg);
      }
    }
    try {
      cuLaunchKernel(function, grid.x(), grid.y(), grid.z(), block.x(), block.y(), block.z(), 0, null,
          Pointer.to(params), null);
    } catch (RuntimeException e) {
      throw new CudaBackendException("launch of kernel " + name + " failed: " + e.getMessage(), e);
    }
  }
}
