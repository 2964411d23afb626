package org.vipboutiques.recon.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.vipboutiques.recon.geometry.ConeBeamGeometry;
import org.vipboutiques.recon.geometry.GeometryJson;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.nifti.NiftiDataType;
import org.vipboutiques.recon.nifti.NiftiWriter;
import org.vipboutiques.recon.volume.ComplexVolume;
import org.vipboutiques.recon.volume.Volume;

/** How vip-recon lays out its outputs in NIfTI-1 files. */
final class ImageFiles {
  private ImageFiles() {
  }

  /** An image or volume on the centred grid (qform = sform). */
  static void writeImage(Path path, Volume v, NiftiDataType type, String description) {
    NiftiWriter.writeImage(path, v, type, description, Optional.empty());
  }

  /** Sinograms: bins x views x slices, pixdim (bin mm, angle step deg, slice mm), geometry as JSON. */
  static void writeSinogram(Path path, Volume sinogram, ParallelBeamGeometry g, String description) {
    NiftiWriter.writeData(path, sinogram,
        List.of(g.detector().spacing(), stepDegrees(g.angles().toArray()), sinogram.spacing().dz()),
        "sinogram", description, Optional.of(GeometryJson.toJson(g)));
  }

  /** Cone-beam projections: columns x rows x views, pixdim (du, dv, angle step deg), geometry as JSON. */
  static void writeProjections(Path path, Volume projections, ConeBeamGeometry g, String description) {
    NiftiWriter.writeData(path, projections,
        List.of(g.detector().columnSpacing(), g.detector().rowSpacing(), stepDegrees(g.angles().toArray())),
        "projections", description, Optional.of(GeometryJson.toJson(g)));
  }

  /** Complex64 k-space, x y z coil, k = 0 at index n/2. */
  static void writeKSpace(Path path, ComplexVolume k, String description) {
    NiftiWriter.writeKSpace(path, k, description,
        Optional.of("{\"kind\":\"cartesian-kspace\",\"convention\":\"k = 0 at index n/2 of each axis;"
            + " image = fftshift(ifftn(ifftshift(k))) / sqrt(N)\"}"));
  }

  private static double stepDegrees(double[] radians) {
    return radians.length > 1 ? Math.abs(Math.toDegrees(radians[1] - radians[0])) : 1;
  }
}
