package org.vipboutiques.recon.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32;

import java.util.Locale;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/** Device memory owned by one Java object; freed by {@link #close()}. */
final class DeviceBuffer implements AutoCloseable {
  private final CUdeviceptr pointer = new CUdeviceptr();
  private final long bytes;
  private boolean freed;

  private DeviceBuffer(long bytes) {
    this.bytes = bytes;
    try {
      cuMemAlloc(pointer, Math.max(bytes, 4));
    } catch (RuntimeException e) {
      throw new CudaBackendException(String.format(Locale.ROOT,
          "cannot allocate %.1f MiB on the GPU: %s", bytes / 1048576.0, e.getMessage()), e);
    }
  }

  static DeviceBuffer floats(long count) {
    return new DeviceBuffer(4 * count);
  }

  static DeviceBuffer doubles(long count) {
    return new DeviceBuffer(8 * count);
  }

  /** A device copy of {@code data}. */
  static DeviceBuffer of(float[] data) {
    DeviceBuffer b = floats(data.length);
    b.upload(data, 0, data.length);
    return b;
  }

  CUdeviceptr pointer() {
    return pointer;
  }

  /** The address {@code floats} floats into the buffer. */
  CUdeviceptr at(long floats) {
    return pointer.withByteOffset(4 * floats);
  }

  long bytes() {
    return bytes;
  }

  /** Copies count floats from src[offset ..] to the start of the buffer. */
  void upload(float[] src, int offset, int count) {
    cuMemcpyHtoD(pointer, Pointer.to(src).withByteOffset(4L * offset), 4L * count);
  }

  /** Copies the first count floats of the buffer to dst[offset ..]. */
  void download(float[] dst, int offset, int count) {
    cuMemcpyDtoH(Pointer.to(dst).withByteOffset(4L * offset), pointer, 4L * count);
  }

  void download(double[] dst) {
    cuMemcpyDtoH(Pointer.to(dst), pointer, 8L * dst.length);
  }

  void zero() {
    cuMemsetD32(pointer, 0, bytes / 4);
  }

  @Override
  public void close() {
    if (!freed) {
      freed = true;
      cuMemFree(pointer);
    }
  }
}
