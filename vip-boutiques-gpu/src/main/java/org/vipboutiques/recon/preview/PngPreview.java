package org.vipboutiques.recon.preview;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.vipboutiques.recon.volume.Volume;

/**
 * 8-bit grey PNG previews. A single slice is drawn as is; a volume as its three middle slices side by
 * side (axial z = nz/2, coronal y = ny/2, sagittal x = nx/2). Rows are flipped so that +y (and +z in the
 * coronal and sagittal views) points up, as in radiological viewers of the NIfTI world frame.
 */
public final class PngPreview {
  private static final int GAP = 4;

  private PngPreview() {
  }

  public static void write(Path path, Volume volume, DisplayWindow window) {
    BufferedImage image = render(volume, window);
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (!ImageIO.write(image, "png", path.toFile())) {
        throw new IOException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** The preview picture, without writing it. */
  public static BufferedImage render(Volume v, DisplayWindow window) {
    int nx = v.nx();
    int ny = v.ny();
    int nz = v.nz();
    if (nz == 1) {
      BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_BYTE_GRAY);
      WritableRaster r = img.getRaster();
      for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
          r.setSample(i, ny - 1 - j, 0, window.grey(v.get(i, j, 0)));
        }
      }
      return img;
    }
    int width = nx + GAP + nx + GAP + ny;
    int height = Math.max(ny, nz);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster r = img.getRaster();
    int zMid = nz / 2;
    int yMid = ny / 2;
    int xMid = nx / 2;
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        r.setSample(i, height - 1 - j, 0, window.grey(v.get(i, j, zMid)));
      }
    }
    for (int k = 0; k < nz; k++) {
      for (int i = 0; i < nx; i++) {
        r.setSample(nx + GAP + i, height - 1 - k, 0, window.grey(v.get(i, yMid, k)));
      }
      for (int j = 0; j < ny; j++) {
        r.setSample(2 * (nx + GAP) + j, height - 1 - k, 0, window.grey(v.get(xMid, j, k)));
      }
    }
    return img;
  }
}
