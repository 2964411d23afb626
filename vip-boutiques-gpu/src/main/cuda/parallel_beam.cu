// Parallel-beam kernels: ramp-filter helpers, pixel-driven back-projection with linear interpolation,
// and its exact adjoint (the projector) written as a gather so that no atomics are needed.
//
// Geometry, shared with the Java CPU back end (SliceLayout): pixel (i, j) of view k lands on the
// detector at fractional bin  s = i * view[k].x + j * view[k].y + view[k].z,  bins outside [0, bins)
// read as zero, so that an interpolation straddling the detector edge ramps down to zero.
// Compiled to PTX for compute_75 by scripts/build-ptx.sh; uses nothing newer than PTX ISA 6.4.

#define PIXELS_PER_THREAD 4

extern "C" __global__ void pad_rows(const float* __restrict__ in, float* __restrict__ out,
                                    int bins, int padded, int rows) {
  int b = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y + gridDim.y * blockIdx.z;
  if (b >= padded || r >= rows) return;
  out[(size_t) r * padded + b] = b < bins ? in[(size_t) r * bins + b] : 0.0f;
}

// spectrum[row][m] *= response[m]; the response already holds the 1/P of the inverse FFT.
extern "C" __global__ void multiply_response(float2* __restrict__ spectrum, const float* __restrict__ response,
                                             int half, int rows) {
  int m = blockIdx.x * blockDim.x + threadIdx.x;
  int r = blockIdx.y + gridDim.y * blockIdx.z;
  if (m >= half || r >= rows) return;
  float h = response[m];
  float2 v = spectrum[(size_t) r * half + m];
  v.x *= h;
  v.y *= h;
  spectrum[(size_t) r * half + m] = v;
}

__device__ __forceinline__ float sample(const float* __restrict__ row, int n, int bins) {
  return (n >= 0 && n < bins) ? __ldg(row + n) : 0.0f;
}

// image[z][j][i] = weight * sum_k interp(rows[z][k], s_k(i, j)).
// Rows of slice z start at rows + z * sliceStride, view k at + k * rowStride (rowStride >= bins lets the
// kernel read the zero-padded FFT output in place). Each thread does PIXELS_PER_THREAD pixels spaced
// blockDim.y apart in j, sharing the per-view constants.
extern "C" __global__ void backproject(const float* __restrict__ rows, int rowStride, size_t sliceStride,
                                       int bins, int views, const float4* __restrict__ view,
                                       float* __restrict__ image, int nx, int ny, float weight) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int j0 = blockIdx.y * blockDim.y * PIXELS_PER_THREAD + threadIdx.y;
  int z = blockIdx.z;
  const float* slice = rows + (size_t) z * sliceStride;
  float fi = (float) i;
  float acc[PIXELS_PER_THREAD];
  #pragma unroll
  for (int m = 0; m < PIXELS_PER_THREAD; m++) acc[m] = 0.0f;
  for (int k = 0; k < views; k++) {
    float4 c = __ldg(view + k);
    const float* row = slice + (size_t) k * rowStride;
    float s0 = fmaf(fi, c.x, fmaf((float) j0, c.y, c.z));
    float dj = c.y * (float) blockDim.y;
    #pragma unroll
    for (int m = 0; m < PIXELS_PER_THREAD; m++) {
      float s = fmaf((float) m, dj, s0);
      float fl = floorf(s);
      int n = (int) fl;
      float f = s - fl;
      float a = sample(row, n, bins);
      float b = sample(row, n + 1, bins);
      acc[m] += fmaf(f, b - a, a);
    }
  }
  if (i >= nx) return;
  #pragma unroll
  for (int m = 0; m < PIXELS_PER_THREAD; m++) {
    int j = j0 + m * blockDim.y;
    if (j < ny) image[((size_t) z * ny + j) * nx + i] = acc[m] * weight;
  }
}

// sinogram[z][k][b] = weight * sum over pixels of image * max(0, 1 - |s_k(i, j) - b|): the transpose of
// backproject. Walks along the image axis on which s changes faster, visiting only the pixels within
// one bin of b on each line.
extern "C" __global__ void project(const float* __restrict__ image, int nx, int ny,
                                   int bins, int views, const float4* __restrict__ view,
                                   float* __restrict__ sinogram, float weight) {
  int b = blockIdx.x * blockDim.x + threadIdx.x;
  int k = blockIdx.y;
  int z = blockIdx.z;
  if (b >= bins || k >= views) return;
  float4 c = __ldg(view + k);
  const float* img = image + (size_t) z * nx * ny;
  float target = (float) b;
  float sum = 0.0f;
  if (fabsf(c.x) >= fabsf(c.y)) {
    float inv = 1.0f / c.x;
    for (int j = 0; j < ny; j++) {
      float t = fmaf((float) j, c.y, c.z);
      float e0 = (target - 1.0f - t) * inv;
      float e1 = (target + 1.0f - t) * inv;
      int lo = max(0, (int) floorf(fminf(e0, e1)));
      int hi = min(nx - 1, (int) ceilf(fmaxf(e0, e1)));
      const float* line = img + (size_t) j * nx;
      for (int i = lo; i <= hi; i++) {
        float w = 1.0f - fabsf(fmaf((float) i, c.x, t) - target);
        if (w > 0.0f) sum = fmaf(__ldg(line + i), w, sum);
      }
    }
  } else {
    float inv = 1.0f / c.y;
    for (int i = 0; i < nx; i++) {
      float t = fmaf((float) i, c.x, c.z);
      float e0 = (target - 1.0f - t) * inv;
      float e1 = (target + 1.0f - t) * inv;
      int lo = max(0, (int) floorf(fminf(e0, e1)));
      int hi = min(ny - 1, (int) ceilf(fmaxf(e0, e1)));
      for (int j = lo; j <= hi; j++) {
        float w = 1.0f - fabsf(fmaf((float) j, c.y, t) - target);
        if (w > 0.0f) sum = fmaf(__ldg(img + (size_t) j * nx + i), w, sum);
      }
    }
  }
  sinogram[((size_t) z * views + k) * bins + b] = sum * weight;
}
