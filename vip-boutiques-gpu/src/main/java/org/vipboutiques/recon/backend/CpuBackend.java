package org.vipboutiques.recon.backend;

import org.vipboutiques.recon.fbp.CpuParallelBeam;
import org.vipboutiques.recon.fbp.ParallelBeam;
import org.vipboutiques.recon.fdk.ConeBeam;
import org.vipboutiques.recon.fdk.CpuConeBeam;
import org.vipboutiques.recon.mlem.CpuEmissionTomography;
import org.vipboutiques.recon.mlem.EmissionTomography;
import org.vipboutiques.recon.mri.CartesianMri;
import org.vipboutiques.recon.mri.CpuCartesianMri;

/** The CPU back end: JTransforms FFTs and all cores (the common fork-join pool) for the rest. */
public final class CpuBackend implements Backend {
  private final ParallelBeam parallelBeam = new CpuParallelBeam();
  private final ConeBeam coneBeam = new CpuConeBeam();
  private final CartesianMri mri = new CpuCartesianMri();
  private final EmissionTomography emission = new CpuEmissionTomography();

  @Override
  public BackendKind kind() {
    return BackendKind.CPU;
  }

  @Override
  public String description() {
    return "CPU (" + Runtime.getRuntime().availableProcessors() + " cores, JTransforms)";
  }

  @Override
  public ParallelBeam parallelBeam() {
    return parallelBeam;
  }

  @Override
  public ConeBeam coneBeam() {
    return coneBeam;
  }

  @Override
  public CartesianMri mri() {
    return mri;
  }

  @Override
  public EmissionTomography emission() {
    return emission;
  }

  @Override
  public void close() {
    // Nothing to release: the CPU back end holds only heap memory.
  }
}
