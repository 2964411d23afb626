"""Times scikit-image's iradon on a raw float32 sinogram written by vip-recon bench.

Arguments: sinogram.f32 (views x bins, little-endian), bins, views, repeats, theta.f64 (degrees),
output image.f32. Prints the seconds of each run on one line, then the image shape.
"""
import sys
import time

import numpy as np
from skimage.transform import iradon

path, bins, views, repeats, theta_path, out = sys.argv[1:7]
bins, views, repeats = int(bins), int(views), int(repeats)
sinogram = np.fromfile(path, dtype="<f4").reshape(views, bins).T.astype(np.float64)
theta = np.fromfile(theta_path, dtype="<f8")
times = []
image = None
for _ in range(repeats):
    t0 = time.perf_counter()
    image = iradon(sinogram, theta=theta, filter_name="ramp", interpolation="linear", circle=True)
    times.append(time.perf_counter() - t0)
image.astype("<f4").tofile(out)
print(" ".join("%.6f" % t for t in times))
print(image.shape[0], image.shape[1])
