// Cartesian MRI helpers around cuFFT (which runs the inverse transforms in place, batched over coils).
// centred inverse FFT: x = fftshift(ifftn(ifftshift(k))) / sqrt(N). For root-sum-of-squares the input
// ifftshift is skipped: a circular shift of k only multiplies the image by a phase ramp, which |x|
// does not see, so rss() reads the unshifted transform and applies the output fftshift as an index map.
// Compiled to PTX for compute_75 by scripts/build-ptx.sh.

// Source index of output index m of an fftshift over n: (m - n/2) mod n.
__device__ __forceinline__ int unshift(int m, int n) {
  int s = m - n / 2;
  return s < 0 ? s + n : s;
}

// out[c][z][y][x] = in[c][(z + nz/2) % nz][(y + ny/2) % ny][(x + nx/2) % nx]  (ifftshift of each coil).
// Grid: x over blocks of threads, y = row, z = slice + nz * coil.
extern "C" __global__ void ifftshift(const float2* __restrict__ in, float2* __restrict__ out,
                                     int nx, int ny, int nz, int coils) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y;
  int z = blockIdx.z % nz;
  int c = blockIdx.z / nz;
  if (x >= nx || y >= ny || c >= coils) return;
  int xs = (x + nx / 2) % nx;
  int ys = (y + ny / 2) % ny;
  int zs = (z + nz / 2) % nz;
  size_t base = (size_t) c * nx * ny * nz;
  out[base + ((size_t) z * ny + y) * nx + x] = in[base + ((size_t) zs * ny + ys) * nx + xs];
}

// out[c][m] = in[c][unshift(m)] * scale  (fftshift of each coil, with the orthonormal scaling).
extern "C" __global__ void fftshift_scale(const float2* __restrict__ in, float2* __restrict__ out,
                                          int nx, int ny, int nz, int coils, float scale) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y;
  int z = blockIdx.z % nz;
  int c = blockIdx.z / nz;
  if (x >= nx || y >= ny || c >= coils) return;
  size_t base = (size_t) c * nx * ny * nz;
  float2 v = in[base + ((size_t) unshift(z, nz) * ny + unshift(y, ny)) * nx + unshift(x, nx)];
  v.x *= scale;
  v.y *= scale;
  out[base + ((size_t) z * ny + y) * nx + x] = v;
}

// rss[z][y][x] = scale * sqrt(sum_c |images[c][unshift(z)][unshift(y)][unshift(x)]|^2).
// Grid: x over blocks of threads, y = row, z = slice.
extern "C" __global__ void rss(const float2* __restrict__ images, float* __restrict__ out,
                               int nx, int ny, int nz, int coils, float scale) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y;
  int z = blockIdx.z;
  if (x >= nx || y >= ny || z >= nz) return;
  size_t n = (size_t) nx * ny * nz;
  size_t src = ((size_t) unshift(z, nz) * ny + unshift(y, ny)) * nx + unshift(x, nx);
  float sum = 0.0f;
  for (int c = 0; c < coils; c++) {
    float2 v = images[(size_t) c * n + src];
    sum = fmaf(v.x, v.x, fmaf(v.y, v.y, sum));
  }
  out[((size_t) z * ny + y) * nx + x] = scale * sqrtf(sum);
}
