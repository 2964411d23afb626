// The device side of the CUDA emulator: just enough of the CUDA C++ dialect for the kernels in
// src/main/cuda to compile as host C++ (g++), and the registry through which the emulated driver
// (driver.cpp) finds them. build.sh compiles each .cu inside a namespace of its own, so that kernels of
// different modules may share a name, as they may in separate PTX modules.
#ifndef VIPB_CUDA_EMU_H
#define VIPB_CUDA_EMU_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <tuple>
#include <type_traits>
#include <utility>

struct uint3 {
  unsigned int x, y, z;
};
typedef uint3 dim3;
struct __attribute__((aligned(8))) float2 {
  float x, y;
};
struct __attribute__((aligned(16))) float4 {
  float x, y, z, w;
};

// The launch coordinates of the thread now running; set by the driver before each thread runs.
extern uint3 threadIdx, blockIdx, blockDim, gridDim;

// A barrier between the threads of a block; only kernels of modules built with EMU_COOPERATIVE run
// their threads as coroutines that can wait at one. Opaque, so the compiler re-reads threadIdx after it.
extern "C" void vipb_emu_syncthreads(void);
#define __syncthreads() vipb_emu_syncthreads()

#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__ static

template <typename T>
static inline T __ldg(const T* p) {
  return *p;
}
static inline float rsqrtf(float x) {
  return 1.0f / sqrtf(x);
}
static inline int max(int a, int b) {
  return a > b ? a : b;
}
static inline int min(int a, int b) {
  return a < b ? a : b;
}

// ---- registry -------------------------------------------------------------------------------------

// Runs body(arg) once per thread of the grid, with the coordinates set.
typedef void (*vipb_emu_body)(void* arg);
extern "C" void vipb_emu_run_grid(dim3 grid, dim3 block, int cooperative, vipb_emu_body body, void* arg);

struct vipb_emu_kernel {
  const char* name;
  int params;
  const size_t* sizes;  // sizeof each parameter, to check against the PTX's .param list
  void (*launch)(dim3 grid, dim3 block, void** params);
};

struct vipb_emu_module {
  const char* name;
  int cooperative;
  int kernels;
  const vipb_emu_kernel* table;
};

extern "C" void vipb_emu_register(const vipb_emu_module* module);

namespace vipb_emu {

// Reads each parameter from the buffer cuLaunchKernel's kernelParams points at, with the size the
// kernel declares (as the real driver does, from the module's parameter metadata).
template <typename T>
T read_param(void* p) {
  T v;
  memcpy(&v, p, sizeof(T));
  return v;
}

template <typename... A>
struct Signature {
  static constexpr size_t sizes[sizeof...(A) == 0 ? 1 : sizeof...(A)] = {sizeof(std::decay_t<A>)...};
};

template <typename F, F* K, int Coop>
struct Launcher;

template <typename... A, void (*K)(A...), int Coop>
struct Launcher<void(A...), K, Coop> {
  using Args = std::tuple<std::decay_t<A>...>;
  template <size_t... I>
  static Args unpack(void** params, std::index_sequence<I...>) {
    return Args(read_param<std::decay_t<A>>(params[I])...);
  }
  static void body(void* arg) {
    std::apply(K, *static_cast<Args*>(arg));
  }
  static void launch(dim3 grid, dim3 block, void** params) {
    Args args = unpack(params, std::index_sequence_for<A...>{});
    vipb_emu_run_grid(grid, block, Coop, &body, &args);
  }
  static vipb_emu_kernel entry(const char* name) {
    return {name, (int) sizeof...(A), Signature<A...>::sizes, &launch};
  }
};

}  // namespace vipb_emu

#ifndef EMU_COOPERATIVE
#define EMU_COOPERATIVE 0
#endif

// EMU_MODULE(ns, "module", EMU_KERNEL(ns, a) EMU_KERNEL(ns, b)) registers a module when the library loads.
#define EMU_KERNEL(ns, k) vipb_emu::Launcher<decltype(ns::k), &ns::k, EMU_COOPERATIVE>::entry(#k),
#define EMU_MODULE(ns, module, kernels)                                                   \
  static const vipb_emu_kernel ns##_table[] = {kernels};                                  \
  static const vipb_emu_module ns##_module = {                                            \
      module, EMU_COOPERATIVE, (int) (sizeof(ns##_table) / sizeof(ns##_table[0])), ns##_table}; \
  __attribute__((constructor)) static void ns##_register() { vipb_emu_register(&ns##_module); }

#endif
