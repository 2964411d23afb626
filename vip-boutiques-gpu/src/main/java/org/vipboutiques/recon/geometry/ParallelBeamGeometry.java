package org.vipboutiques.recon.geometry;

import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/**
 * Parallel-beam acquisition of 2D slices: at angle t the ray through detector coordinate s is the line
 * x cos t + y sin t = s (rays run along (-sin t, cos t)). A stack of slices shares this geometry.
 */
public record ParallelBeamGeometry(ImageGrid image, DetectorRow detector, AngleSet angles) {
  public ParallelBeamGeometry {
    if (image == null || detector == null || angles == null) {
      throw new IllegalArgumentException("image grid, detector and angles are required");
    }
  }

  /**
   * The usual set-up: n*n image over {@code fov}, n bins as wide as a pixel, {@code views} angles over
   * half a turn.
   */
  public static ParallelBeamGeometry standard(int n, int views, double fov) {
    ImageGrid grid = ImageGrid.square(n, fov);
    return new ParallelBeamGeometry(grid, DetectorRow.centred(n, grid.pixelSize()), AngleSet.halfTurn(views));
  }

  /** The same detector and image with other angles (OSEM subsets). */
  public ParallelBeamGeometry withAngles(AngleSet subset) {
    return new ParallelBeamGeometry(image, detector, subset);
  }

  public int views() {
    return angles.count();
  }

  public int bins() {
    return detector.count();
  }

  /** Checks that {@code sinograms} is bins x views x slices for this geometry. */
  public void requireSinograms(Volume sinograms) {
    if (sinograms.nx() != bins() || sinograms.ny() != views()) {
      throw new IllegalArgumentException("sinogram is " + sinograms.nx() + " bins x " + sinograms.ny()
          + " views but the geometry has " + bins() + " bins x " + views() + " views");
    }
  }

  /** Checks that {@code images} is nx x ny x slices for this geometry's image grid. */
  public void requireImages(Volume images) {
    if (images.nx() != image.nx() || images.ny() != image.ny()) {
      throw new IllegalArgumentException("image is " + images.nx() + "x" + images.ny()
          + " but the geometry's grid is " + image.nx() + "x" + image.ny());
    }
  }

  /** Spacing of reconstructed images: the pixel size in-plane, {@code sliceSpacing} between slices. */
  public Spacing imageSpacing(double sliceSpacing) {
    return new Spacing(image.pixelSize(), image.pixelSize(), sliceSpacing);
  }

  /** Spacing of sinograms: the bin width along x, 1 per view, {@code sliceSpacing} between slices. */
  public Spacing sinogramSpacing(double sliceSpacing) {
    return new Spacing(detector.spacing(), 1, sliceSpacing);
  }

  /** Weight pi / views of the back-projection sum in FBP (views uniform over a half or a full turn). */
  public double fbpWeight() {
    return Math.PI / views();
  }

  /** Weight pixel^2 / bin width that makes the projector's bins line integrals (area per bin width). */
  public double projectorWeight() {
    return image.pixelSize() * image.pixelSize() / detector.spacing();
  }
}
