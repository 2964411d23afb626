package org.vipboutiques.recon.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

class PngPreviewTest {
  @TempDir
  Path dir;

  @Test
  void sliceIsWrittenWindowedWithYUp() throws IOException {
    Volume v = Volume.zeros(4, 3, 1, Spacing.isotropic(1));
    v.set(0, 2, 0, 10f);
    v.set(3, 0, 0, 5f);
    v.set(1, 0, 0, -3f);
    Path p = dir.resolve("slice.png");
    PngPreview.write(p, v, new DisplayWindow(0, 10));
    BufferedImage img = ImageIO.read(p.toFile());
    assertEquals(4, img.getWidth());
    assertEquals(3, img.getHeight());
    assertEquals(255, img.getRaster().getSample(0, 0, 0), "pixel (0, ny-1) at the top left");
    assertEquals(128, img.getRaster().getSample(3, 2, 0), "half of the window");
    assertEquals(0, img.getRaster().getSample(1, 2, 0), "below the window is black");
  }

  @Test
  void volumeShowsThreeMiddleSlices() throws IOException {
    Volume v = Volume.zeros(6, 5, 4, Spacing.isotropic(1));
    for (int i = 0; i < v.size(); i++) {
      v.data()[i] = i;
    }
    Path p = dir.resolve("vol.png");
    PngPreview.write(p, v, DisplayWindow.auto(v));
    BufferedImage img = ImageIO.read(p.toFile());
    assertEquals(6 + 4 + 6 + 4 + 5, img.getWidth());
    assertEquals(5, img.getHeight());
  }

  @Test
  void windowsAreValidatedAndParsed() {
    assertEquals(new DisplayWindow(1, 1.05), DisplayWindow.parse("1, 1.05"));
    assertThrows(IllegalArgumentException.class, () -> DisplayWindow.parse("2,1"));
    assertThrows(IllegalArgumentException.class, () -> DisplayWindow.parse("1"));
    Volume flat = Volume.zeros(3, 3, 1, Spacing.isotropic(1));
    assertEquals(new DisplayWindow(0, 1), DisplayWindow.auto(flat));
  }
}
