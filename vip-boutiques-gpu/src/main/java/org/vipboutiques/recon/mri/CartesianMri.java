package org.vipboutiques.recon.mri;

import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Volume;

/**
 * Fully sampled Cartesian MRI reconstruction, implemented by each back end. k-space is nx x ny x nz
 * per coil with the k = 0 sample at index n/2 of each axis (fftshift order); nz = 1 means 2D.
 */
public interface CartesianMri {

  /** Per-coil images x = fftshift(ifftn(ifftshift(k))) with orthonormal scaling (1 / sqrt(N)). */
  ComplexVolume centredInverseFft(ComplexVolume kspace);

  /** Root-sum-of-squares over coils of the centred inverse FFT: sqrt(sum_c |x_c|^2). */
  Volume rootSumOfSquares(ComplexVolume kspace);
}
