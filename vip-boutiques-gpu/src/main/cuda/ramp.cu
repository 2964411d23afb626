// Ramp filtering by direct convolution with the filter's spatial kernel, the alternative to the FFT path
// (fft.cu or cuFFT) that vip.recon.rampFilter chooses between, by measurement on the device when auto.
//
// The FFT path filters a row zero-padded to P >= 2 * length: q = IFFT(FFT(row) * H), a circular
// convolution of length P with the kernel k = IFFT(H). Since P >= 2 * length, no output sample below
// length wraps around, so q[i] = sum_{j < length} row[j] * k[|i - j|] exactly; taps[d] = k[d] for
// d < length, computed on the host in double from the same response H (RampFilter.spatialKernel), so
// every window and cutoff gives what the FFT path gives.
//
// One block of TILE threads per TILE output samples of one row (row index blockIdx.y + gridDim.y *
// blockIdx.z, as the other row kernels): the row goes through shared memory TILE samples at a time with
// the 2 * TILE - 1 taps that tile meets, so each thread does TILE multiply-adds per tile from shared memory.
// The output is written rowStride apart from `out`, which may be the same padded rows shifted by length
// (the zero padding behind the samples): the kernel reads [0, length) and writes [length, 2 length) of
// each row, so no scratch is needed. Compiled to PTX for compute_75 by scripts/build-ptx.sh.

#define TILE 256

extern "C" __global__ void ramp_direct(const float* __restrict__ rows, float* __restrict__ out,
                                       const float* __restrict__ taps, int length, int rowStride,
                                       int count) {
  __shared__ float samples[TILE];
  __shared__ float window[2 * TILE];
  int t = threadIdx.x;
  int first = blockIdx.x * TILE;
  int r = blockIdx.y + gridDim.y * blockIdx.z;
  // r is the same for the whole block, so every thread of a block either returns here or reaches each barrier.
  if (r >= count) return;
  const float* row = rows + (size_t) r * rowStride;
  float acc = 0.0f;
  for (int j0 = 0; j0 < length; j0 += TILE) {
    samples[t] = j0 + t < length ? row[j0 + t] : 0.0f;
    // window[e] = taps[|first - j0 - (TILE - 1) + e|]: the taps that outputs [first, first + TILE) need
    // against samples [j0, j0 + TILE); output first + t and sample j0 + k meet at e = t - k + TILE - 1.
    int lowest = first - j0 - (TILE - 1);
    for (int e = t; e < 2 * TILE - 1; e += TILE) {
      int d = abs(lowest + e);
      window[e] = d < length ? __ldg(taps + d) : 0.0f;
    }
    __syncthreads();
#pragma unroll 8
    for (int k = 0; k < TILE; k++) {
      acc = fmaf(samples[k], window[t - k + TILE - 1], acc);
    }
    __syncthreads();
  }
  if (first + t < length) out[(size_t) r * rowStride + first + t] = acc;
}
