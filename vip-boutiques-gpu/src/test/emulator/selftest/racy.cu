// Kernels wrong on purpose, built into the emulator only, so that CudaEmulatorTest can show that the
// emulator exposes the bugs a GPU would show (and a plain first-to-last loop over threads would hide).

// a[i] = a[i + 1] in place: threads read what others write, with no barrier. Racy on a GPU.
extern "C" __global__ void racy_shift(float* a, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i + 1 < n) a[i] = a[i + 1];
}

// A block's sum by tree reduction in shared memory, missing the barrier inside the loop.
extern "C" __global__ void racy_sum(const float* in, float* out) {
  __shared__ float part[256];
  part[threadIdx.x] = in[blockIdx.x * blockDim.x + threadIdx.x];
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
  }
  if (threadIdx.x == 0) out[blockIdx.x] = part[0];
}
