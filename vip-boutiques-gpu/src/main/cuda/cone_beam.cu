// FDK kernels: cosine pre-weighting with zero padding for the row-wise ramp filter (done with cuFFT and
// multiply_response from parallel_beam.cu), and the distance-weighted voxel-driven back-projection.
//
// Geometry, shared with the Java CPU back end (CpuConeBeam): at angle b the source is at
// R (sin b, -cos b, 0); a voxel (x, y, z) has U = R - x sin b + y cos b and lands on detector column
// fu = D (x cos b + y sin b) / (U du) + (nu - 1) / 2 and row fv = D z / (U dv) + (nv - 1) / 2.
// Compiled to PTX for compute_75 by scripts/build-ptx.sh.

#define Z_PER_THREAD 8

// padded[(k * nv + l) * padded + c] = p[k][l][c] * D / sqrt(D^2 + u^2 + v^2), zero for c >= nu.
extern "C" __global__ void weight_pad(const float* __restrict__ projections, float* __restrict__ out,
                                      int nu, int nv, int views, int padded,
                                      float du, float dv, float sdd) {
  int c = blockIdx.x * blockDim.x + threadIdx.x;
  int row = blockIdx.y + gridDim.y * blockIdx.z;
  if (c >= padded || row >= nv * views) return;
  int l = row % nv;
  float value = 0.0f;
  if (c < nu) {
    float u = (c - 0.5f * (nu - 1)) * du;
    float v = (l - 0.5f * (nv - 1)) * dv;
    value = projections[(size_t) row * nu + c] * sdd * rsqrtf(sdd * sdd + u * u + v * v);
  }
  out[(size_t) row * padded + c] = value;
}

__device__ __forceinline__ float texel(const float* __restrict__ p, int stride, int nu, int nv, int c, int r) {
  return (c >= 0 && c < nu && r >= 0 && r < nv) ? __ldg(p + (size_t) r * stride + c) : 0.0f;
}

// volume[z][y][x] = weight * sum_k (R/U)^2 * bilinear(filtered[k], fu, fv). Each thread owns one (x, y)
// column and Z_PER_THREAD voxels along z, accumulated in registers over all views, so the volume is
// written once. trig[k] = (cos b_k, sin b_k).
extern "C" __global__ void backproject(const float* __restrict__ filtered, int rowStride,
                                       int nu, int nv, int views, const float2* __restrict__ trig,
                                       float* __restrict__ volume, int nx, int ny, int nz, float voxel,
                                       float sid, float sdd, float du, float dv, float weight) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int j = blockIdx.y * blockDim.y + threadIdx.y;
  int z0 = blockIdx.z * Z_PER_THREAD;
  if (i >= nx || j >= ny) return;
  float x = (i - 0.5f * (nx - 1)) * voxel;
  float y = (j - 0.5f * (ny - 1)) * voxel;
  float zFirst = (z0 - 0.5f * (nz - 1)) * voxel;
  float acc[Z_PER_THREAD];
  #pragma unroll
  for (int m = 0; m < Z_PER_THREAD; m++) acc[m] = 0.0f;
  size_t viewStride = (size_t) nv * rowStride;
  for (int k = 0; k < views; k++) {
    float2 t = __ldg(trig + k);
    float U = sid - x * t.y + y * t.x;
    float invU = 1.0f / U;
    float fu = sdd * (x * t.x + y * t.y) * invU / du + 0.5f * (nu - 1);
    float w = sid * sid * invU * invU;
    float a = sdd * voxel * invU / dv;
    float b = sdd * zFirst * invU / dv + 0.5f * (nv - 1);
    float cf = floorf(fu);
    int c = (int) cf;
    float au = fu - cf;
    const float* p = filtered + (size_t) k * viewStride;
    #pragma unroll
    for (int m = 0; m < Z_PER_THREAD; m++) {
      float fv = fmaf((float) m, a, b);
      float rf = floorf(fv);
      int r = (int) rf;
      float av = fv - rf;
      float p00 = texel(p, rowStride, nu, nv, c, r);
      float p10 = texel(p, rowStride, nu, nv, c + 1, r);
      float p01 = texel(p, rowStride, nu, nv, c, r + 1);
      float p11 = texel(p, rowStride, nu, nv, c + 1, r + 1);
      float top = fmaf(au, p10 - p00, p00);
      float bottom = fmaf(au, p11 - p01, p01);
      acc[m] = fmaf(w, fmaf(av, bottom - top, top), acc[m]);
    }
  }
  #pragma unroll
  for (int m = 0; m < Z_PER_THREAD; m++) {
    int z = z0 + m;
    if (z < nz) volume[((size_t) z * ny + j) * nx + i] = acc[m] * weight;
  }
}
