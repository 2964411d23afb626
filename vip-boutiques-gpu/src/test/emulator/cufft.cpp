// An emulated cuFFT (libcufft.so.10, the soname JCufft 11.8.0 links against) for the CUDA emulator:
// batched plans in the basic (contiguous) layout, C2C over 1 to 3 dimensions and R2C/C2R in one, with
// cuFFT's conventions: unnormalised, R2C keeping n/2 + 1 outputs, C2R reading them. Transforms are
// computed in double (radix-2 where the length is a power of two, a direct sum otherwise), so the
// emulator's error is below float32's and the tests see the kernels' error, not this one's.
#include <complex>
#include <map>
#include <mutex>
#include <stdio.h>
#include <vector>

typedef int cufftHandle;
typedef int cufftResult;
typedef int cufftType;
typedef struct { float x, y; } cufftComplex;
typedef float cufftReal;

enum {
  CUFFT_SUCCESS = 0,
  CUFFT_INVALID_PLAN = 1,
  CUFFT_INVALID_TYPE = 3,
  CUFFT_INVALID_VALUE = 4,
  CUFFT_INVALID_SIZE = 8,
  CUFFT_NOT_SUPPORTED = 16,
};
enum { CUFFT_R2C = 0x2a, CUFFT_C2R = 0x2c, CUFFT_C2C = 0x29 };
enum { CUFFT_FORWARD = -1, CUFFT_INVERSE = 1 };

namespace {

typedef std::complex<double> cd;

struct Plan {
  std::vector<int> dims;  // slowest first
  cufftType type;
  int batch;
};

std::mutex lock;
std::map<int, Plan> plans;
int next_handle = 1;

// In-place transform of n values spaced stride apart; sign -1 forward, +1 inverse; unnormalised.
void transform(cd* data, int n, long stride, int sign) {
  std::vector<cd> a(n);
  for (int i = 0; i < n; i++) a[i] = data[i * stride];
  if ((n & (n - 1)) == 0) {
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; j & bit; bit >>= 1) j ^= bit;
      j ^= bit;
      if (i < j) std::swap(a[i], a[j]);
    }
    std::vector<cd> twiddle(n / 2 + 1);
    for (int k = 0; k <= n / 2; k++) twiddle[k] = std::polar(1.0, sign * 2 * M_PI * k / n);
    for (int len = 2; len <= n; len <<= 1) {
      for (int i = 0; i < n; i += len) {
        for (int k = 0; k < len / 2; k++) {
          cd w = twiddle[(long) k * (n / len)];
          cd u = a[i + k];
          cd v = a[i + k + len / 2] * w;
          a[i + k] = u + v;
          a[i + k + len / 2] = u - v;
        }
      }
    }
  } else {
    std::vector<cd> b(n);
    for (int k = 0; k < n; k++) {
      cd sum = 0;
      for (int i = 0; i < n; i++) sum += a[i] * std::polar(1.0, sign * 2 * M_PI * ((long) i * k % n) / n);
      b[k] = sum;
    }
    a.swap(b);
  }
  for (int i = 0; i < n; i++) data[i * stride] = a[i];
}

// Every axis of one batch element (dims slowest first), in place.
void transform_all_axes(cd* data, const std::vector<int>& dims, int sign) {
  long total = 1;
  for (int d : dims) total *= d;
  long stride = 1;
  for (int axis = (int) dims.size() - 1; axis >= 0; axis--) {
    int n = dims[axis];
    long block = stride * n;
    for (long start = 0; start < total; start += block) {
      for (long offset = 0; offset < stride; offset++) transform(data + start + offset, n, stride, sign);
    }
    stride = block;
  }
}

Plan* find(cufftHandle h) {
  auto it = plans.find(h);
  return it == plans.end() ? nullptr : &it->second;
}

}  // namespace

extern "C" {

cufftResult cufftPlanMany(cufftHandle* plan, int rank, int* n, int* inembed, int istride, int idist,
                          int* onembed, int ostride, int odist, cufftType type, int batch) {
  if (plan == nullptr || n == nullptr || rank < 1 || rank > 3 || batch < 1) return CUFFT_INVALID_VALUE;
  if (inembed != nullptr || onembed != nullptr) {
    fprintf(stderr, "vipb-cuda-emulator: cufftPlanMany: only the basic layout (inembed = onembed = NULL) is emulated\n");
    return CUFFT_NOT_SUPPORTED;
  }
  if (type != CUFFT_C2C && type != CUFFT_R2C && type != CUFFT_C2R) return CUFFT_INVALID_TYPE;
  if (type != CUFFT_C2C && rank != 1) return CUFFT_NOT_SUPPORTED;
  Plan p;
  for (int i = 0; i < rank; i++) {
    if (n[i] < 1) return CUFFT_INVALID_SIZE;
    p.dims.push_back(n[i]);
  }
  p.type = type;
  p.batch = batch;
  std::lock_guard<std::mutex> guard(lock);
  *plan = next_handle++;
  plans[*plan] = p;
  return CUFFT_SUCCESS;
}

cufftResult cufftPlan1d(cufftHandle* plan, int nx, cufftType type, int batch) {
  return cufftPlanMany(plan, 1, &nx, nullptr, 1, 0, nullptr, 1, 0, type, batch);
}

cufftResult cufftPlan2d(cufftHandle* plan, int nx, int ny, cufftType type) {
  int n[] = {nx, ny};
  return cufftPlanMany(plan, 2, n, nullptr, 1, 0, nullptr, 1, 0, type, 1);
}

cufftResult cufftPlan3d(cufftHandle* plan, int nx, int ny, int nz, cufftType type) {
  int n[] = {nx, ny, nz};
  return cufftPlanMany(plan, 3, n, nullptr, 1, 0, nullptr, 1, 0, type, 1);
}

cufftResult cufftDestroy(cufftHandle plan) {
  std::lock_guard<std::mutex> guard(lock);
  return plans.erase(plan) == 1 ? CUFFT_SUCCESS : CUFFT_INVALID_PLAN;
}

cufftResult cufftExecC2C(cufftHandle h, cufftComplex* in, cufftComplex* out, int direction) {
  std::lock_guard<std::mutex> guard(lock);
  Plan* p = find(h);
  if (p == nullptr || p->type != CUFFT_C2C) return CUFFT_INVALID_PLAN;
  if (direction != CUFFT_FORWARD && direction != CUFFT_INVERSE) return CUFFT_INVALID_VALUE;
  long size = 1;
  for (int d : p->dims) size *= d;
  std::vector<cd> buffer(size);
  for (int b = 0; b < p->batch; b++) {
    for (long i = 0; i < size; i++) buffer[i] = cd(in[b * size + i].x, in[b * size + i].y);
    transform_all_axes(buffer.data(), p->dims, direction);
    for (long i = 0; i < size; i++) out[b * size + i] = {(float) buffer[i].real(), (float) buffer[i].imag()};
  }
  return CUFFT_SUCCESS;
}

cufftResult cufftExecR2C(cufftHandle h, cufftReal* in, cufftComplex* out) {
  std::lock_guard<std::mutex> guard(lock);
  Plan* p = find(h);
  if (p == nullptr || p->type != CUFFT_R2C) return CUFFT_INVALID_PLAN;
  int n = p->dims[0];
  int half = n / 2 + 1;
  std::vector<cd> buffer(n);
  for (long b = 0; b < p->batch; b++) {
    for (int i = 0; i < n; i++) buffer[i] = in[b * n + i];
    transform(buffer.data(), n, 1, CUFFT_FORWARD);
    for (int i = 0; i < half; i++) out[b * half + i] = {(float) buffer[i].real(), (float) buffer[i].imag()};
  }
  return CUFFT_SUCCESS;
}

cufftResult cufftExecC2R(cufftHandle h, cufftComplex* in, cufftReal* out) {
  std::lock_guard<std::mutex> guard(lock);
  Plan* p = find(h);
  if (p == nullptr || p->type != CUFFT_C2R) return CUFFT_INVALID_PLAN;
  int n = p->dims[0];
  int half = n / 2 + 1;
  std::vector<cd> buffer(n);
  for (long b = 0; b < p->batch; b++) {
    for (int i = 0; i < half; i++) buffer[i] = cd(in[b * half + i].x, in[b * half + i].y);
    for (int i = half; i < n; i++) buffer[i] = std::conj(buffer[n - i]);
    transform(buffer.data(), n, 1, CUFFT_INVERSE);
    for (int i = 0; i < n; i++) out[b * n + i] = (float) buffer[i].real();
  }
  return CUFFT_SUCCESS;
}

cufftResult cufftSetStream(cufftHandle h, void* stream) {
  std::lock_guard<std::mutex> guard(lock);
  return find(h) == nullptr ? CUFFT_INVALID_PLAN : CUFFT_SUCCESS;
}

cufftResult cufftGetVersion(int* version) {
  *version = 10900;  // CUDA 11.8's cuFFT
  return CUFFT_SUCCESS;
}

}  // extern "C"
