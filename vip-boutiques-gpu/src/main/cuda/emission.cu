// Element-wise steps of MLEM/OSEM and the Poisson log-likelihood, on data that stay on the device.
// Compiled to PTX for compute_75 by scripts/build-ptx.sh.

extern "C" __global__ void fill(float* __restrict__ a, float value, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) a[i] = value;
}

// projection <- counts / (projection + background), 0 where the mean is not positive.
extern "C" __global__ void ratio(const float* __restrict__ counts, float* __restrict__ projection,
                                 float background, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float mean = projection[i] + background;
  projection[i] = mean > 0.0f ? counts[i] / mean : 0.0f;
}

// image <- image * correction / sensitivity, 0 where the sensitivity is 0 (pixels no ray sees).
extern "C" __global__ void update(float* __restrict__ image, const float* __restrict__ correction,
                                  const float* __restrict__ sensitivity, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float s = sensitivity[i];
  image[i] = s > 0.0f ? image[i] * correction[i] / s : 0.0f;
}

// partial[block] = sum over the block's bins of y log(mean) - mean, mean = projection + background,
// in double (blockDim.x must be 256). A bin with y > 0 and mean <= 0 gives -infinity.
extern "C" __global__ void log_likelihood(const float* __restrict__ counts, const float* __restrict__ projection,
                                          float background, int n, double* __restrict__ partial) {
  __shared__ double part[256];
  double sum = 0.0;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    double y = counts[i];
    double m = (double) projection[i] + background;
    if (y > 0.0) {
      sum += m > 0.0 ? y * log(m) - m : -1.0 / 0.0;
    } else {
      sum -= m;
    }
  }
  part[threadIdx.x] = sum;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0) partial[blockIdx.x] = part[0];
}
