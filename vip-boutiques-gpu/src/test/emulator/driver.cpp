// An emulated CUDA driver (libcuda.so.1) that runs the project's kernels on the CPU, for tests on
// machines without a GPU. It implements the part of the driver API that JCuda's libJCudaDriver calls
// for the CUDA back end, and it is strict where a real driver would fail or misbehave:
//  - cuModuleLoadData parses the PTX: the .version must be one the emulated driver version accepts
//    (like a real driver, an 11.8 driver refuses PTX ISA 9.0), the .target must not exceed the device,
//    and every .entry must exist in the kernel sources with parameters of the same sizes;
//  - device memory is mapped with an inaccessible page right after its end and filled with NaN bytes,
//    so a kernel that reads past a buffer or reads memory never written does not go unnoticed;
//  - a kernel that faults returns CUDA_ERROR_ILLEGAL_ADDRESS with the kernel, block and thread;
//  - copies and memsets are checked against the allocation they touch; launch dimensions against the
//    limits of compute capability 7.5.
// Diagnostics go to stderr, prefixed "vipb-cuda-emulator:". Environment: VIPB_CUDA_EMULATOR_DRIVER
// (the driver version reported, default 11080 = CUDA 11.8).
#include <dlfcn.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "cuda_emu.h"

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef void* CUcontext;
typedef void* CUmodule;
typedef void* CUfunction;
typedef void* CUstream;

enum {
  CUDA_SUCCESS = 0,
  CUDA_ERROR_INVALID_VALUE = 1,
  CUDA_ERROR_OUT_OF_MEMORY = 2,
  CUDA_ERROR_NOT_INITIALIZED = 3,
  CUDA_ERROR_NOT_SUPPORTED = 801,
  CUDA_ERROR_INVALID_DEVICE = 101,
  CUDA_ERROR_INVALID_IMAGE = 200,
  CUDA_ERROR_INVALID_CONTEXT = 201,
  CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222,
  CUDA_ERROR_NO_BINARY_FOR_GPU = 209,
  CUDA_ERROR_INVALID_PTX = 218,
  CUDA_ERROR_INVALID_HANDLE = 400,
  CUDA_ERROR_NOT_FOUND = 500,
  CUDA_ERROR_ILLEGAL_ADDRESS = 700,
  CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES = 701,
  CUDA_ERROR_ILLEGAL_INSTRUCTION = 715,
};

uint3 threadIdx, blockIdx, blockDim, gridDim;

namespace {

const long long TOTAL_MEMORY = 8LL << 30;
const int CC_MAJOR = 7;
const int CC_MINOR = 5;

void complain(const char* format, ...) {
  va_list args;
  va_start(args, format);
  fputs("vipb-cuda-emulator: ", stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  fflush(stderr);
  va_end(args);
}

std::mutex lock;
bool initialised = false;
int primary_context = 1;  // the one context; its address is the handle
void* current_context = nullptr;

std::vector<const vipb_emu_module*>& modules() {
  static std::vector<const vipb_emu_module*> all;
  return all;
}

// ---- device memory ------------------------------------------------------------------------------

struct Allocation {
  char* base;        // start of the mapping
  size_t mapped;     // bytes mapped, trailing guard page included
  size_t bytes;      // bytes asked for
};
std::map<uintptr_t, Allocation> allocations;  // by device address (the start of the usable bytes)
long long allocated = 0;

size_t page() {
  static size_t size = (size_t) sysconf(_SC_PAGESIZE);
  return size;
}

// The allocation holding [address, address + bytes), if one does.
const Allocation* holding(uintptr_t address, size_t bytes, uintptr_t* start) {
  auto it = allocations.upper_bound(address);
  if (it == allocations.begin()) return nullptr;
  --it;
  if (address + bytes > it->first + it->second.bytes) return nullptr;
  *start = it->first;
  return &it->second;
}

// What is at address, for a fault report.
std::string describe(uintptr_t address) {
  char text[200];
  auto it = allocations.upper_bound(address);
  if (it != allocations.begin()) {
    --it;
    uintptr_t end = it->first + it->second.bytes;
    if (address >= end && address < (uintptr_t) it->second.base + it->second.mapped) {
      snprintf(text, sizeof text, "%zu bytes past the end of the %zu-byte buffer at 0x%llx",
               (size_t) (address - end), it->second.bytes, (unsigned long long) it->first);
      return text;
    }
  }
  snprintf(text, sizeof text, "outside every device buffer");
  return text;
}

bool check_range(const char* call, CUdeviceptr address, size_t bytes) {
  uintptr_t start;
  if (holding((uintptr_t) address, bytes, &start) == nullptr) {
    complain("%s: %zu bytes at 0x%llx are not inside one device buffer (%s)", call, bytes, address,
             describe((uintptr_t) address + (bytes ? bytes - 1 : 0)).c_str());
    return false;
  }
  return true;
}

// ---- kernel faults --------------------------------------------------------------------------------

thread_local sigjmp_buf* fault_jump = nullptr;
thread_local uintptr_t fault_address = 0;
struct sigaction previous_segv, previous_bus;

void chain(int sig, siginfo_t* info, void* context) {
  struct sigaction* previous = sig == SIGSEGV ? &previous_segv : &previous_bus;
  if (previous->sa_flags & SA_SIGINFO) {
    previous->sa_sigaction(sig, info, context);
  } else if (previous->sa_handler == SIG_DFL || previous->sa_handler == SIG_IGN) {
    signal(sig, SIG_DFL);
    raise(sig);
  } else {
    previous->sa_handler(sig);
  }
}

// A fault in a kernel thread ends the launch; any other (the JVM uses SIGSEGV itself) goes on to the
// handler that was there before.
void on_fault(int sig, siginfo_t* info, void* context) {
  if (fault_jump != nullptr) {
    fault_address = (uintptr_t) info->si_addr;
    sigjmp_buf* jump = fault_jump;
    fault_jump = nullptr;
    siglongjmp(*jump, 1);
  }
  chain(sig, info, context);
}

void install_fault_handler() {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = on_fault;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
  sigemptyset(&action.sa_mask);
  sigaction(SIGSEGV, &action, &previous_segv);
  sigaction(SIGBUS, &action, &previous_bus);
}

// ---- running a grid -------------------------------------------------------------------------------

struct Coroutines {
  std::vector<ucontext_t> threads;
  std::vector<char> stacks;
  std::vector<bool> done;
  ucontext_t scheduler;
  int running = -1;
};
thread_local Coroutines* coroutines = nullptr;
const size_t STACK = 64 * 1024;

vipb_emu_body coroutine_body;
void* coroutine_arg;

void coroutine_entry() {
  coroutine_body(coroutine_arg);
  coroutines->done[coroutines->running] = true;
  // returning resumes uc_link, the scheduler
}

void run_block_cooperatively(dim3 block, bool reverse, vipb_emu_body body, void* arg) {
  static Coroutines state;
  int n = (int) (block.x * block.y * block.z);
  state.threads.resize(n);
  state.stacks.resize((size_t) n * STACK);
  state.done.assign(n, false);
  coroutines = &state;
  coroutine_body = body;
  coroutine_arg = arg;
  for (int t = 0; t < n; t++) {
    getcontext(&state.threads[t]);
    state.threads[t].uc_stack.ss_sp = &state.stacks[(size_t) t * STACK];
    state.threads[t].uc_stack.ss_size = STACK;
    state.threads[t].uc_link = &state.scheduler;
    makecontext(&state.threads[t], coroutine_entry, 0);
  }
  int left = n;
  while (left > 0) {
    for (int k = 0; k < n; k++) {
      int t = reverse ? n - 1 - k : k;
      if (state.done[t]) continue;
      threadIdx.x = t % block.x;
      threadIdx.y = (t / block.x) % block.y;
      threadIdx.z = t / (block.x * block.y);
      state.running = t;
      swapcontext(&state.scheduler, &state.threads[t]);
      if (state.done[t]) left--;
    }
  }
  coroutines = nullptr;
}

}  // namespace

extern "C" void vipb_emu_syncthreads(void) {
  if (coroutines == nullptr) {
    complain("__syncthreads() in a kernel of a module not built cooperative; build.sh marks modules "
             "that contain __syncthreads");
    abort();
  }
  int t = coroutines->running;
  swapcontext(&coroutines->threads[t], &coroutines->scheduler);
}

// Blocks run last to first, and the threads of every other block last to first, so that a kernel
// whose threads race (one reads what another writes, without a barrier between) gives a result that
// differs from the one a plain first-to-last loop happens to give.
extern "C" void vipb_emu_run_grid(dim3 grid, dim3 block, int cooperative, vipb_emu_body body, void* arg) {
  gridDim = grid;
  blockDim = block;
  long blocks = (long) grid.x * grid.y * grid.z;
  long threads = (long) block.x * block.y * block.z;
  for (long b = blocks - 1; b >= 0; b--) {
    blockIdx = {(unsigned) (b % grid.x), (unsigned) (b / grid.x % grid.y), (unsigned) (b / grid.x / grid.y)};
    bool reverse = (b & 1) != 0;
    if (cooperative) {
      run_block_cooperatively(block, reverse, body, arg);
      continue;
    }
    for (long k = 0; k < threads; k++) {
      long t = reverse ? threads - 1 - k : k;
      threadIdx = {(unsigned) (t % block.x), (unsigned) (t / block.x % block.y), (unsigned) (t / block.x / block.y)};
      body(arg);
    }
  }
}

extern "C" void vipb_emu_register(const vipb_emu_module* module) {
  modules().push_back(module);
}

// ---- PTX ------------------------------------------------------------------------------------------

namespace {

struct PtxEntry {
  std::string name;
  std::vector<size_t> sizes;
};

int driver_version() {
  const char* v = getenv("VIPB_CUDA_EMULATOR_DRIVER");
  return v != nullptr && atoi(v) > 0 ? atoi(v) : 11080;
}

// The newest PTX ISA a driver of this CUDA version loads: 11.x -> 7.x, 12.x -> 8.x, 13.x -> 9.x.
int newest_isa(int driver) {
  int major = driver / 1000;
  int minor = driver % 1000 / 10;
  return (major - 4) * 10 + minor;
}

size_t param_size(const std::string& decl) {
  // ".param .u64 name" or ".param .align 8 .b8 name[16]" or ".param .u64 .ptr ... name"
  size_t open = decl.find('[');
  if (open != std::string::npos) return (size_t) atol(decl.c_str() + open + 1);
  if (decl.find(".u64") != std::string::npos || decl.find(".s64") != std::string::npos ||
      decl.find(".b64") != std::string::npos || decl.find(".f64") != std::string::npos)
    return 8;
  if (decl.find(".u32") != std::string::npos || decl.find(".s32") != std::string::npos ||
      decl.find(".b32") != std::string::npos || decl.find(".f32") != std::string::npos)
    return 4;
  if (decl.find("16") != std::string::npos) return 2;
  return 1;
}

CUresult parse_ptx(const char* text, std::vector<PtxEntry>* entries) {
  std::string ptx(text);
  size_t at = ptx.find("\n.version ");
  if (ptx.compare(0, 9, ".version ") == 0) at = 0; else if (at != std::string::npos) at++;
  if (at == std::string::npos) {
    complain("cuModuleLoadData: the image has no .version line; is it PTX?");
    return CUDA_ERROR_INVALID_IMAGE;
  }
  int vmajor = 0, vminor = 0;
  sscanf(ptx.c_str() + at, ".version %d.%d", &vmajor, &vminor);
  int driver = driver_version();
  if (vmajor * 10 + vminor > newest_isa(driver)) {
    complain("cuModuleLoadData: PTX ISA %d.%d is newer than a CUDA %d.%d driver loads (%d.%d at most)",
             vmajor, vminor, driver / 1000, driver % 1000 / 10, newest_isa(driver) / 10, newest_isa(driver) % 10);
    return CUDA_ERROR_UNSUPPORTED_PTX_VERSION;
  }
  size_t target = ptx.find("\n.target sm_");
  if (target == std::string::npos) {
    complain("cuModuleLoadData: the PTX has no .target line");
    return CUDA_ERROR_INVALID_PTX;
  }
  int sm = atoi(ptx.c_str() + target + 12);
  if (sm > CC_MAJOR * 10 + CC_MINOR) {
    complain("cuModuleLoadData: PTX for sm_%d cannot run on a compute capability %d.%d device", sm, CC_MAJOR,
             CC_MINOR);
    return CUDA_ERROR_NO_BINARY_FOR_GPU;
  }
  size_t pos = 0;
  while ((pos = ptx.find(".entry ", pos)) != std::string::npos) {
    pos += 7;
    size_t paren = ptx.find('(', pos);
    size_t close = ptx.find(')', paren);
    if (paren == std::string::npos || close == std::string::npos) return CUDA_ERROR_INVALID_PTX;
    PtxEntry e;
    e.name = ptx.substr(pos, paren - pos);
    while (!e.name.empty() && (e.name.back() == ' ' || e.name.back() == '\n')) e.name.pop_back();
    std::string params = ptx.substr(paren + 1, close - paren - 1);
    size_t p = 0;
    while ((p = params.find(".param", p)) != std::string::npos) {
      size_t end = params.find(',', p);
      std::string decl = params.substr(p, end == std::string::npos ? std::string::npos : end - p);
      e.sizes.push_back(param_size(decl));
      p += 6;
    }
    entries->push_back(e);
    pos = close;
  }
  if (entries->empty()) {
    complain("cuModuleLoadData: the PTX has no .entry");
    return CUDA_ERROR_INVALID_PTX;
  }
  return CUDA_SUCCESS;
}

// The emulated module whose kernels are exactly the PTX's entries, parameter sizes included.
CUresult match_module(const std::vector<PtxEntry>& entries, const vipb_emu_module** found) {
  std::string names;
  for (const PtxEntry& e : entries) names += (names.empty() ? "" : ", ") + e.name;
  for (const vipb_emu_module* m : modules()) {
    std::set<std::string> theirs;
    for (int k = 0; k < m->kernels; k++) theirs.insert(m->table[k].name);
    std::set<std::string> ours;
    for (const PtxEntry& e : entries) ours.insert(e.name);
    if (theirs != ours) continue;
    for (const PtxEntry& e : entries) {
      for (int k = 0; k < m->kernels; k++) {
        const vipb_emu_kernel& kernel = m->table[k];
        if (e.name != kernel.name) continue;
        bool same = (int) e.sizes.size() == kernel.params;
        for (int i = 0; same && i < kernel.params; i++) same = e.sizes[i] == kernel.sizes[i];
        if (!same) {
          std::string ptx, cu;
          for (size_t s : e.sizes) ptx += std::to_string(s) + " ";
          for (int i = 0; i < kernel.params; i++) cu += std::to_string(kernel.sizes[i]) + " ";
          complain("cuModuleLoadData: kernel %s of module %s takes parameters of %sbytes in the PTX but "
                   "%sbytes in the .cu source: the PTX is stale, run scripts/build-ptx.sh",
                   kernel.name, m->name, ptx.c_str(), cu.c_str());
          return CUDA_ERROR_INVALID_PTX;
        }
      }
    }
    *found = m;
    return CUDA_SUCCESS;
  }
  complain("cuModuleLoadData: no kernel source defines exactly the entries %s: the PTX is stale, run "
           "scripts/build-ptx.sh", names.c_str());
  return CUDA_ERROR_INVALID_PTX;
}

}  // namespace

// ---- the driver API -------------------------------------------------------------------------------

#define REQUIRE_INIT()                                   \
  do {                                                   \
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED; \
  } while (0)

extern "C" {

CUresult cuInit(unsigned int flags) {
  std::lock_guard<std::mutex> guard(lock);
  if (flags != 0) return CUDA_ERROR_INVALID_VALUE;
  if (!initialised) {
    install_fault_handler();
    initialised = true;
  }
  return CUDA_SUCCESS;
}

CUresult cuDriverGetVersion(int* version) {
  if (version == nullptr) return CUDA_ERROR_INVALID_VALUE;
  *version = driver_version();
  return CUDA_SUCCESS;
}

CUresult cuDeviceGetCount(int* count) {
  REQUIRE_INIT();
  *count = 1;
  return CUDA_SUCCESS;
}

CUresult cuDeviceGet(CUdevice* device, int ordinal) {
  REQUIRE_INIT();
  if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE;
  *device = 0;
  return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char* name, int length, CUdevice device) {
  REQUIRE_INIT();
  if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
  snprintf(name, (size_t) length, "vipb CUDA emulator (CPU)");
  return CUDA_SUCCESS;
}

CUresult cuDeviceTotalMem_v2(size_t* bytes, CUdevice device) {
  REQUIRE_INIT();
  if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
  *bytes = (size_t) TOTAL_MEMORY;
  return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int* value, int attribute, CUdevice device) {
  REQUIRE_INIT();
  if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
  switch (attribute) {
    case 1: *value = 1024; break;                 // max threads per block
    case 2: *value = 1024; break;                 // max block dim x
    case 3: *value = 1024; break;                 // max block dim y
    case 4: *value = 64; break;                   // max block dim z
    case 5: *value = 2147483647; break;           // max grid dim x
    case 6: case 7: *value = 65535; break;        // max grid dim y, z
    case 8: *value = 49152; break;                // shared memory per block
    case 10: *value = 32; break;                  // warp size
    case 16: *value = (int) sysconf(_SC_NPROCESSORS_ONLN); break;  // multiprocessors
    case 75: *value = CC_MAJOR; break;
    case 76: *value = CC_MINOR; break;
    default: *value = 0;
  }
  return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRetain(CUcontext* context, CUdevice device) {
  REQUIRE_INIT();
  if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
  *context = &primary_context;
  return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(CUcontext context) {
  REQUIRE_INIT();
  if (context != nullptr && context != &primary_context) return CUDA_ERROR_INVALID_CONTEXT;
  current_context = context;
  return CUDA_SUCCESS;
}

CUresult cuCtxGetCurrent(CUcontext* context) {
  REQUIRE_INIT();
  *context = current_context;
  return CUDA_SUCCESS;
}

CUresult cuCtxSynchronize(void) {
  REQUIRE_INIT();
  return current_context == nullptr ? CUDA_ERROR_INVALID_CONTEXT : CUDA_SUCCESS;
}

CUresult cuMemGetInfo_v2(size_t* free, size_t* total) {
  REQUIRE_INIT();
  std::lock_guard<std::mutex> guard(lock);
  *total = (size_t) TOTAL_MEMORY;
  *free = (size_t) (TOTAL_MEMORY - allocated);
  return CUDA_SUCCESS;
}

CUresult cuMemAlloc_v2(CUdeviceptr* pointer, size_t bytes) {
  REQUIRE_INIT();
  if (current_context == nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  if (bytes == 0) return CUDA_ERROR_INVALID_VALUE;
  std::lock_guard<std::mutex> guard(lock);
  if (allocated + (long long) bytes > TOTAL_MEMORY) return CUDA_ERROR_OUT_OF_MEMORY;
  size_t usable = (bytes + page() - 1) / page() * page();
  size_t mapped = usable + page();
  char* base = (char*) mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) return CUDA_ERROR_OUT_OF_MEMORY;
  mprotect(base + usable, page(), PROT_NONE);
  // End the buffer at the guard page, 16-byte aligned (float4): a read past the end faults.
  uintptr_t start = ((uintptr_t) base + usable - bytes) & ~(uintptr_t) 15;
  memset(base, 0xff, usable);  // NaN: a kernel reading what nobody wrote shows it
  allocations[start] = {base, mapped, bytes};
  allocated += (long long) bytes;
  *pointer = (CUdeviceptr) start;
  return CUDA_SUCCESS;
}

CUresult cuMemFree_v2(CUdeviceptr pointer) {
  REQUIRE_INIT();
  std::lock_guard<std::mutex> guard(lock);
  auto it = allocations.find((uintptr_t) pointer);
  if (it == allocations.end()) {
    complain("cuMemFree: 0x%llx is not the start of a device buffer (freed twice?)", pointer);
    return CUDA_ERROR_INVALID_VALUE;
  }
  munmap(it->second.base, it->second.mapped);
  allocated -= (long long) it->second.bytes;
  allocations.erase(it);
  return CUDA_SUCCESS;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t bytes) {
  REQUIRE_INIT();
  std::lock_guard<std::mutex> guard(lock);
  if (!check_range("cuMemcpyHtoD", dst, bytes)) return CUDA_ERROR_INVALID_VALUE;
  memcpy((void*) dst, src, bytes);
  return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t bytes) {
  REQUIRE_INIT();
  std::lock_guard<std::mutex> guard(lock);
  if (!check_range("cuMemcpyDtoH", src, bytes)) return CUDA_ERROR_INVALID_VALUE;
  memcpy(dst, (const void*) src, bytes);
  return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes) {
  REQUIRE_INIT();
  std::lock_guard<std::mutex> guard(lock);
  if (!check_range("cuMemcpyDtoD", src, bytes) || !check_range("cuMemcpyDtoD", dst, bytes))
    return CUDA_ERROR_INVALID_VALUE;
  memmove((void*) dst, (const void*) src, bytes);
  return CUDA_SUCCESS;
}

CUresult cuMemsetD32_v2(CUdeviceptr dst, unsigned int value, size_t count) {
  REQUIRE_INIT();
  std::lock_guard<std::mutex> guard(lock);
  if ((dst & 3) != 0 || !check_range("cuMemsetD32", dst, 4 * count)) return CUDA_ERROR_INVALID_VALUE;
  unsigned int* p = (unsigned int*) dst;
  for (size_t i = 0; i < count; i++) p[i] = value;
  return CUDA_SUCCESS;
}

CUresult cuMemsetD8_v2(CUdeviceptr dst, unsigned char value, size_t count) {
  REQUIRE_INIT();
  std::lock_guard<std::mutex> guard(lock);
  if (!check_range("cuMemsetD8", dst, count)) return CUDA_ERROR_INVALID_VALUE;
  memset((void*) dst, value, count);
  return CUDA_SUCCESS;
}

CUresult cuModuleLoadData(CUmodule* module, const void* image) {
  REQUIRE_INIT();
  if (current_context == nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  if (image == nullptr) return CUDA_ERROR_INVALID_VALUE;
  std::vector<PtxEntry> entries;
  CUresult r = parse_ptx((const char*) image, &entries);
  if (r != CUDA_SUCCESS) return r;
  const vipb_emu_module* found = nullptr;
  r = match_module(entries, &found);
  if (r != CUDA_SUCCESS) return r;
  *module = (CUmodule) found;
  return CUDA_SUCCESS;
}

CUresult cuModuleGetFunction(CUfunction* function, CUmodule module, const char* name) {
  REQUIRE_INIT();
  const vipb_emu_module* m = (const vipb_emu_module*) module;
  for (const vipb_emu_module* known : modules()) {
    if (known != m) continue;
    for (int k = 0; k < m->kernels; k++) {
      if (strcmp(m->table[k].name, name) == 0) {
        *function = (CUfunction) &m->table[k];
        return CUDA_SUCCESS;
      }
    }
    return CUDA_ERROR_NOT_FOUND;
  }
  return CUDA_ERROR_INVALID_HANDLE;
}

CUresult cuLaunchKernel(CUfunction function, unsigned int gx, unsigned int gy, unsigned int gz, unsigned int bx,
                        unsigned int by, unsigned int bz, unsigned int shared, CUstream stream, void** params,
                        void** extra) {
  REQUIRE_INIT();
  if (current_context == nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  const vipb_emu_kernel* k = (const vipb_emu_kernel*) function;
  if (k == nullptr) return CUDA_ERROR_INVALID_HANDLE;
  if (gx == 0 || gy == 0 || gz == 0 || bx == 0 || by == 0 || bz == 0 || gy > 65535 || gz > 65535 ||
      gx > 2147483647u || bx > 1024 || by > 1024 || bz > 64 || (unsigned long long) bx * by * bz > 1024) {
    complain("cuLaunchKernel: kernel %s launched with grid (%u, %u, %u) and block (%u, %u, %u), outside the "
             "limits of compute capability 7.5", k->name, gx, gy, gz, bx, by, bz);
    return CUDA_ERROR_INVALID_VALUE;
  }
  if (shared > 49152) return CUDA_ERROR_INVALID_VALUE;
  if (extra != nullptr) {
    complain("cuLaunchKernel: the extra parameter form is not emulated");
    return CUDA_ERROR_NOT_SUPPORTED;
  }
  if (params == nullptr && k->params > 0) return CUDA_ERROR_INVALID_VALUE;
  std::lock_guard<std::mutex> guard(lock);
  sigjmp_buf jump;
  if (sigsetjmp(jump, 1) == 0) {
    fault_jump = &jump;
    k->launch({gx, gy, gz}, {bx, by, bz}, params);
    fault_jump = nullptr;
    return CUDA_SUCCESS;
  }
  coroutines = nullptr;
  complain("kernel %s, block (%u, %u, %u), thread (%u, %u, %u): illegal address 0x%llx, %s", k->name, blockIdx.x,
           blockIdx.y, blockIdx.z, threadIdx.x, threadIdx.y, threadIdx.z, (unsigned long long) fault_address,
           describe(fault_address).c_str());
  return CUDA_ERROR_ILLEGAL_ADDRESS;
}

CUresult cuGetErrorName(CUresult error, const char** name) {
  switch (error) {
    case CUDA_SUCCESS: *name = "CUDA_SUCCESS"; break;
    case CUDA_ERROR_ILLEGAL_ADDRESS: *name = "CUDA_ERROR_ILLEGAL_ADDRESS"; break;
    case CUDA_ERROR_INVALID_PTX: *name = "CUDA_ERROR_INVALID_PTX"; break;
    default: *name = "CUDA_ERROR_UNKNOWN";
  }
  return CUDA_SUCCESS;
}

CUresult cuGetErrorString(CUresult error, const char** text) {
  return cuGetErrorName(error, text);
}

}  // extern "C"
