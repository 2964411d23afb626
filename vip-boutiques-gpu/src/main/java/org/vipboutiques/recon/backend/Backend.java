package org.vipboutiques.recon.backend;

import org.vipboutiques.recon.fbp.ParallelBeam;
import org.vipboutiques.recon.fdk.ConeBeam;
import org.vipboutiques.recon.mlem.EmissionTomography;
import org.vipboutiques.recon.mri.CartesianMri;

/**
 * One back end's implementations of the reconstruction kernels. Obtain one from
 * {@link BackendSelector#open(BackendKind)} and close it when done (a CUDA back end frees its device
 * memory then).
 */
public interface Backend extends AutoCloseable {

  /** CPU or CUDA, never AUTO. */
  BackendKind kind();

  /** Human-readable description, e.g. the GPU's name or the number of CPU cores. */
  String description();

  ParallelBeam parallelBeam();

  ConeBeam coneBeam();

  CartesianMri mri();

  EmissionTomography emission();

  @Override
  void close();
}
