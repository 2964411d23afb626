package org.vipboutiques.recon.nifti;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vipboutiques.recon.volume.Spacing;

/**
 * The NIfTI-1 header fields this module reads and writes. {@code dims} and {@code pixdims} hold
 * dim[1..dim[0]] and pixdim[1..dim[0]]; {@code quaternion} is (b, c, d), {@code qoffset} (x, y, z),
 * {@code srow} the twelve values of srow_x, srow_y, srow_z; {@code comment} is the text of a
 * comment extension (ecode 6), where this module keeps acquisition geometry as JSON.
 */
public record NiftiHeader(
    List<Integer> dims,
    List<Double> pixdims,
    NiftiDataType dataType,
    double sclSlope,
    double sclInter,
    int qformCode,
    int sformCode,
    double qfac,
    List<Double> quaternion,
    List<Double> qoffset,
    List<Double> srow,
    int xyztUnits,
    int intentCode,
    String intentName,
    String description,
    double calMin,
    double calMax,
    Optional<String> comment) {

  /** NIFTI_XFORM_SCANNER_ANAT. */
  public static final int XFORM_SCANNER = 1;
  /** NIFTI_UNITS_MM. */
  public static final int UNITS_MM = 2;

  public NiftiHeader {
    if (dims == null || dims.isEmpty() || dims.size() > 7) {
      throw new IllegalArgumentException("NIfTI-1 allows 1 to 7 dimensions, got " + dims);
    }
    for (int d : dims) {
      if (d < 1 || d > Short.MAX_VALUE) {
        throw new IllegalArgumentException("each dimension must be in 1..32767, got " + dims);
      }
    }
    if (pixdims == null || pixdims.size() != dims.size()) {
      throw new IllegalArgumentException("one pixdim per dimension is required, got " + pixdims);
    }
    if (dataType == null || quaternion == null || quaternion.size() != 3 || qoffset == null || qoffset.size() != 3
        || srow == null || srow.size() != 12 || comment == null) {
      throw new IllegalArgumentException("datatype, quaternion (3), qoffset (3), srow (12) and comment are required");
    }
    if (qfac != 1 && qfac != -1) {
      throw new IllegalArgumentException("qfac must be 1 or -1, got " + qfac);
    }
    intentName = intentName == null ? "" : intentName;
    description = description == null ? "" : description;
    if (intentName.length() > 15 || description.length() > 79) {
      throw new IllegalArgumentException("intent_name is limited to 15 characters and descrip to 79");
    }
    dims = List.copyOf(dims);
    pixdims = List.copyOf(pixdims);
    quaternion = List.copyOf(quaternion);
    qoffset = List.copyOf(qoffset);
    srow = List.copyOf(srow);
  }

  /**
   * A header for an image on a centred grid: voxel (i, j, k) at world position
   * ((i - (nx-1)/2) dx, (j - (ny-1)/2) dy, (k - (nz-1)/2) dz) in millimetres, the convention of this
   * module, written identically as qform (identity rotation) and sform (scanner-anatomical codes).
   * Extra dimensions (e.g. coils) follow the three spatial ones with pixdim 1.
   */
  public static NiftiHeader centredImage(List<Integer> dims, Spacing spacing, NiftiDataType type,
      String description, Optional<String> comment) {
    double[] d = {spacing.dx(), spacing.dy(), spacing.dz()};
    List<Double> pix = new ArrayList<>();
    double[] offset = new double[3];
    for (int a = 0; a < dims.size(); a++) {
      pix.add(a < 3 ? d[a] : 1.0);
      if (a < 3) {
        offset[a] = -(dims.get(a) - 1) / 2.0 * d[a];
      }
    }
    List<Double> srow = List.of(d[0], 0.0, 0.0, offset[0], 0.0, d[1], 0.0, offset[1], 0.0, 0.0, d[2], offset[2]);
    return new NiftiHeader(dims, pix, type, 1, 0, XFORM_SCANNER, XFORM_SCANNER, 1, List.of(0.0, 0.0, 0.0),
        List.of(offset[0], offset[1], offset[2]), srow, UNITS_MM, 0, "", description, 0, 0, comment);
  }

  /**
   * A header for non-spatial data (sinograms, projections): pixdims as given, no qform or sform
   * (codes 0), intent_name naming the kind of data.
   */
  public static NiftiHeader data(List<Integer> dims, List<Double> pixdims, NiftiDataType type, String intentName,
      String description, Optional<String> comment) {
    return new NiftiHeader(dims, pixdims, type, 1, 0, 0, 0, 1, List.of(0.0, 0.0, 0.0), List.of(0.0, 0.0, 0.0),
        List.of(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), UNITS_MM, 0, intentName, description,
        0, 0, comment);
  }

  /** Number of voxels (product of all dims); {@link Long#MAX_VALUE} where that overflows (7 dims of 32767). */
  public long voxelCount() {
    long n = 1;
    for (int d : dims) {
      if (n > Long.MAX_VALUE / d) {
        return Long.MAX_VALUE;
      }
      n *= d;
    }
    return n;
  }

  /** dim[a + 1], or 1 beyond the rank. */
  public int dim(int axis) {
    return axis < dims.size() ? dims.get(axis) : 1;
  }

  /** pixdim[a + 1], or 1 beyond the rank. */
  public double pixdim(int axis) {
    return axis < pixdims.size() ? pixdims.get(axis) : 1;
  }

  /** Whether stored values go through scl_slope and scl_inter (slope non-zero and finite). */
  public boolean scaled() {
    return sclSlope != 0 && Double.isFinite(sclSlope) && (sclSlope != 1 || sclInter != 0);
  }

  /** The same header with other storage type and scaling (used when writing integer files). */
  public NiftiHeader withStorage(NiftiDataType type, double slope, double inter) {
    return new NiftiHeader(dims, pixdims, type, slope, inter, qformCode, sformCode, qfac, quaternion, qoffset, srow,
        xyztUnits, intentCode, intentName, description, calMin, calMax, comment);
  }

  /** The same header with display range cal_min..cal_max. */
  public NiftiHeader withCalibration(double min, double max) {
    return new NiftiHeader(dims, pixdims, dataType, sclSlope, sclInter, qformCode, sformCode, qfac, quaternion,
        qoffset, srow, xyztUnits, intentCode, intentName, description, min, max, comment);
  }
}
