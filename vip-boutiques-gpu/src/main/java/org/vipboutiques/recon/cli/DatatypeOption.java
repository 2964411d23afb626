package org.vipboutiques.recon.cli;

import java.nio.file.Path;
import org.vipboutiques.recon.nifti.NiftiDataType;
import org.vipboutiques.recon.volume.Volume;
import picocli.CommandLine.Option;

/** --datatype TYPE: the NIfTI type of the image a command writes, and the writing of it. */
final class DatatypeOption {
  @Option(names = "--datatype", defaultValue = "float32", paramLabel = "TYPE",
      description = "NIfTI type of the output image: float32, float64, int16, uint16, int32, uint32, int8, uint8."
          + " Default: ${DEFAULT-VALUE}.")
  String datatype;

  /** Writes {@code v} to {@code path} as an image of this type (see {@link ImageFiles#writeImage}). */
  void writeImage(Path path, Volume v, String description) {
    ImageFiles.writeImage(path, v, NiftiDataType.parse(datatype), description);
  }
}
