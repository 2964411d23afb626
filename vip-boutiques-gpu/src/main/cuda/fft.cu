// The project's own FFT, used where cuFFT (libcufft.so.10, which JCufft 11.8.0 links against) does not
// load: batched complex transforms of any length along any axis of a contiguous array.
//
// Powers of two: Stockham autosort passes, radix 4 while the remaining length allows and one radix-2 pass
// when log2(n) is odd; each pass reads one buffer and writes the other (no bit reversal, every access
// coalesced), so a transform of length n is ceil(log4 n) launches over the whole batch.
// Other lengths: Bluestein's chirp z-transform, a circular convolution of power-of-two length m >= 2n-1
// done with the passes above (chirp_gather, a forward transform, pointwise_multiply with the chirp's
// precomputed spectrum, an inverse transform, chirp_scatter).
// Ramp filtering of real rows: two rows travel as the real and imaginary parts of one complex row
// (pack_pairs); the ramp response is real and even, so it filters both at once (multiply_even_response)
// and unpack_pairs splits them again.
//
// A line of length n along an axis with element stride `stride` starts at
// (line / stride) * n * stride + line % stride; thread g of a pass takes butterfly g / stride % (n/r) of
// line (g / stride / (n/r)) * stride + g % stride, so neighbouring threads touch neighbouring addresses
// whatever the axis. Twiddles come from a table twiddle[k] = exp(-2 pi i k / n) computed in double on the
// host; `conj` = 1 runs the forward transform (exponent sign -1), -1 the inverse. Unnormalised, as cuFFT.
// Compiled to PTX for compute_75 by scripts/build-ptx.sh.

__device__ __forceinline__ float2 cmul(float2 a, float2 b) {
  float2 r;
  r.x = fmaf(a.x, b.x, -a.y * b.y);
  r.y = fmaf(a.x, b.y, a.y * b.x);
  return r;
}

__device__ __forceinline__ float2 twiddle_at(const float2* __restrict__ twiddle, int k, float conj) {
  float2 w = __ldg(twiddle + k);
  w.y *= conj;
  return w;
}

// Where line `line` of length n along an axis of element stride `stride` starts (see above).
__device__ __forceinline__ size_t line_start(size_t line, int n, int stride) {
  return line / stride * n * stride + line % stride;
}

// Butterfly g of a radix-r Stockham pass over lines of length n (s = the product of the radices done):
// the line's start, and t = p * s + q, the butterfly's index within its line.
struct Butterfly {
  size_t base;
  int t;
  int q;
  int p;
};

__device__ __forceinline__ Butterfly butterfly_at(size_t g, int n, int radix, int s, int stride) {
  int span = n / radix;
  size_t inner = g % stride;
  size_t rest = g / stride;
  Butterfly b;
  b.t = (int) (rest % span);
  b.base = (rest / span) * n * stride + inner;
  b.q = b.t % s;
  b.p = b.t / s;
  return b;
}

// Element k of the line starting at base.
__device__ __forceinline__ size_t element_at(size_t base, int k, int stride) {
  return base + (size_t) k * stride;
}

// One radix-4 pass: the remaining length is n / s (s = 4^passes done so far, times 2 never), m = n/(4s).
// out[q + s(4p + j)] = w^(jp) * sum_l in[q + s(p + lm)] * i^(-jl conj), w = exp(-2 pi i conj / (n/s)).
extern "C" __global__ void stockham4(const float2* __restrict__ in, float2* __restrict__ out,
                                     const float2* __restrict__ twiddle, int n, int s, int stride,
                                     size_t butterflies, float conj) {
  size_t g = (size_t) blockIdx.x * blockDim.x + threadIdx.x;
  if (g >= butterflies) return;
  int quarter = n >> 2;
  Butterfly f = butterfly_at(g, n, 4, s, stride);
  float2 a = in[element_at(f.base, f.t, stride)];
  float2 b = in[element_at(f.base, f.t + quarter, stride)];
  float2 c = in[element_at(f.base, f.t + 2 * quarter, stride)];
  float2 d = in[element_at(f.base, f.t + 3 * quarter, stride)];
  float2 apc = {a.x + c.x, a.y + c.y};
  float2 amc = {a.x - c.x, a.y - c.y};
  float2 bpd = {b.x + d.x, b.y + d.y};
  float2 bmd = {b.x - d.x, b.y - d.y};
  // conj * (-i) * (b - d): the odd outputs' rotation by a quarter turn.
  float2 r = {conj * bmd.y, -conj * bmd.x};
  float2 y0 = {apc.x + bpd.x, apc.y + bpd.y};
  float2 y1 = {amc.x + r.x, amc.y + r.y};
  float2 y2 = {apc.x - bpd.x, apc.y - bpd.y};
  float2 y3 = {amc.x - r.x, amc.y - r.y};
  int k = f.p * s;
  size_t o = element_at(f.base, f.q + 4 * s * f.p, stride);
  size_t step = (size_t) s * stride;
  out[o] = y0;
  out[o + step] = cmul(y1, twiddle_at(twiddle, k, conj));
  out[o + 2 * step] = cmul(y2, twiddle_at(twiddle, 2 * k, conj));
  out[o + 3 * step] = cmul(y3, twiddle_at(twiddle, 3 * k, conj));
}

// One radix-2 pass: remaining length n / s, m = n/(2s); out[q + s(2p)] = a + b,
// out[q + s(2p + 1)] = (a - b) w^p with a = in[q + sp], b = in[q + s(p + m)].
extern "C" __global__ void stockham2(const float2* __restrict__ in, float2* __restrict__ out,
                                     const float2* __restrict__ twiddle, int n, int s, int stride,
                                     size_t butterflies, float conj) {
  size_t g = (size_t) blockIdx.x * blockDim.x + threadIdx.x;
  if (g >= butterflies) return;
  Butterfly f = butterfly_at(g, n, 2, s, stride);
  float2 a = in[element_at(f.base, f.t, stride)];
  float2 b = in[element_at(f.base, f.t + (n >> 1), stride)];
  size_t o = element_at(f.base, f.q + 2 * s * f.p, stride);
  float2 sum = {a.x + b.x, a.y + b.y};
  float2 diff = {a.x - b.x, a.y - b.y};
  out[o] = sum;
  out[o + (size_t) s * stride] = cmul(diff, twiddle_at(twiddle, f.p * s, conj));
}

// Bluestein, step 1: work[line][j] = x_j * chirp[j] for j < n, 0 up to m; x is line `line` of `in`
// (length n, element stride `stride`). chirp[j] = exp(conj * -i pi j^2 / n), from the host.
extern "C" __global__ void chirp_gather(const float2* __restrict__ in, float2* __restrict__ work,
                                        const float2* __restrict__ chirp, int n, int m, int stride,
                                        size_t total) {
  size_t g = (size_t) blockIdx.x * blockDim.x + threadIdx.x;
  if (g >= total) return;
  int j = (int) (g % m);
  size_t line = g / m;
  float2 v = {0.0f, 0.0f};
  if (j < n) {
    v = cmul(in[element_at(line_start(line, n, stride), j, stride)], __ldg(chirp + j));
  }
  work[g] = v;
}

// Bluestein, step 2: work[line][j] *= spectrum[j] (the chirp filter's transform, already divided by m).
extern "C" __global__ void pointwise_multiply(float2* __restrict__ work, const float2* __restrict__ spectrum,
                                              int m, size_t total) {
  size_t g = (size_t) blockIdx.x * blockDim.x + threadIdx.x;
  if (g >= total) return;
  work[g] = cmul(work[g], __ldg(spectrum + (int) (g % m)));
}

// Bluestein, step 3: X_k = chirp[k] * conv[k] for k < n, written back into line `line` of `out`.
extern "C" __global__ void chirp_scatter(const float2* __restrict__ work, float2* __restrict__ out,
                                         const float2* __restrict__ chirp, int n, int m, int stride,
                                         size_t total) {
  size_t g = (size_t) blockIdx.x * blockDim.x + threadIdx.x;
  if (g >= total) return;
  int k = (int) (g % n);
  size_t line = g / n;
  out[element_at(line_start(line, n, stride), k, stride)] = cmul(work[line * m + k], __ldg(chirp + k));
}

// pairs[r][b] = (rows[2r][b], rows[2r + 1][b]); a missing last odd row reads as zero.
extern "C" __global__ void pack_pairs(const float* __restrict__ rows, float2* __restrict__ pairs,
                                      int length, int count, size_t total) {
  size_t g = (size_t) blockIdx.x * blockDim.x + threadIdx.x;
  if (g >= total) return;
  size_t r = g / length;
  size_t b = g % length;
  size_t first = 2 * r;
  float2 v;
  v.x = rows[first * length + b];
  v.y = first + 1 < (size_t) count ? rows[(first + 1) * length + b] : 0.0f;
  pairs[g] = v;
}

// The inverse of pack_pairs.
extern "C" __global__ void unpack_pairs(const float2* __restrict__ pairs, float* __restrict__ rows,
                                        int length, int count, size_t total) {
  size_t g = (size_t) blockIdx.x * blockDim.x + threadIdx.x;
  if (g >= total) return;
  size_t r = g / length;
  size_t b = g % length;
  size_t first = 2 * r;
  float2 v = pairs[g];
  rows[first * length + b] = v.x;
  if (first + 1 < (size_t) count) rows[(first + 1) * length + b] = v.y;
}

// spectrum[r][k] *= response[min(k, n - k)]: the real, even response given for k = 0..n/2.
extern "C" __global__ void multiply_even_response(float2* __restrict__ spectrum, const float* __restrict__ response,
                                                  int n, size_t total) {
  size_t g = (size_t) blockIdx.x * blockDim.x + threadIdx.x;
  if (g >= total) return;
  int k = (int) (g % n);
  float h = __ldg(response + min(k, n - k));
  float2 v = spectrum[g];
  v.x *= h;
  v.y *= h;
  spectrum[g] = v;
}
