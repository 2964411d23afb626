package org.vipboutiques.testing.tolerance;

import java.util.Locale;

/**
 * The differences between an image and its reference over the voxels compared: the RMSE, the
 * NMSE {@code ||x - r||^2 / ||r||^2} (infinite when the reference is zero there and the image is
 * not) and the largest absolute difference. Voxels that are NaN in both images count as equal;
 * a NaN in one only makes every error infinite.
 *
 * @param samples the number of voxels compared
 */
public record ImageErrors(long samples, double rmse, double nmse, double maxAbs) {

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RMSE %.4g, NMSE %.4g, max abs %.4g over %d voxels", rmse, nmse, maxAbs,
        samples);
  }
}
