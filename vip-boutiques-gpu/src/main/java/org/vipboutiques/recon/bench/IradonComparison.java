package org.vipboutiques.recon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.vipboutiques.recon.geometry.ParallelBeamGeometry;
import org.vipboutiques.recon.metrics.Comparison;
import org.vipboutiques.recon.metrics.Mask;
import org.vipboutiques.recon.volume.Spacing;
import org.vipboutiques.recon.volume.Volume;

/**
 * Runs scikit-image's iradon (ramp filter, linear interpolation, circle=True) on the same sinogram
 * through an external Python, timing it in Python and scoring its image like ours. scikit-image's
 * axis and angle conventions differ from ours; the image is matched to ours by trying the eight flips
 * and transposes and keeping the best, which can only flatter iradon. Its rotation centre is pixel n/2,
 * ours (n-1)/2, as the data assume: that half-pixel is part of what the comparison shows.
 */
public final class IradonComparison {
  private static final String SCRIPT = "/org/vipboutiques/recon/bench/iradon_bench.py";

  private IradonComparison() {
  }

  /**
   * Empty (with the reason in {@code why}) when Python or scikit-image is missing. The geometry must
   * have unit bin and pixel size, which is what iradon assumes.
   */
  public static Optional<IradonResult> run(Path python, Volume sinogram, ParallelBeamGeometry g, Volume truth, Mask roi,
      int repeats, List<String> why) {
    if (g.detector().spacing() != 1 || g.image().pixelSize() != 1) {
      throw new IllegalArgumentException("iradon assumes unit pixels and bins");
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("vip-recon-iradon");
      Path script = dir.resolve("iradon_bench.py");
      try (InputStream in = IradonComparison.class.getResourceAsStream(SCRIPT)) {
        Files.write(script, in.readAllBytes());
      }
      Path sino = dir.resolve("sinogram.f32");
      Path theta = dir.resolve("theta.f64");
      Path image = dir.resolve("image.f32");
      writeFloats(sino, sinogram.data());
      ByteBuffer t = ByteBuffer.allocate(8 * g.views()).order(ByteOrder.LITTLE_ENDIAN);
      for (int k = 0; k < g.views(); k++) {
        t.putDouble(Math.toDegrees(g.angles().get(k)));
      }
      Files.write(theta, t.array());
      Process p = new ProcessBuilder(python.toString(), script.toString(), sino.toString(),
          String.valueOf(g.bins()), String.valueOf(g.views()), String.valueOf(repeats), theta.toString(), image.toString())
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        why.add("scikit-image iradon did not run (" + python + "): " + output.strip().lines().reduce((a, b) -> b).orElse(""));
        return Optional.empty();
      }
      String[] lines = output.strip().split("\n");
      double[] seconds = Arrays.stream(lines[lines.length - 2].trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
      String[] shape = lines[lines.length - 1].trim().split("\\s+");
      int rows = Integer.parseInt(shape[0]);
      int cols = Integer.parseInt(shape[1]);
      float[] img = readFloats(image, rows * cols);
      double[] sorted = seconds.clone();
      Arrays.sort(sorted);
      Measurement m = new Measurement(sorted[sorted.length / 2] * 1e3, sorted[0] * 1e3, sorted.length, Optional.empty());
      return Optional.of(bestOrientation(img, rows, cols, truth, roi, m));
    } catch (IOException e) {
      why.add("scikit-image iradon did not run: " + e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why.add("interrupted while waiting for iradon");
      return Optional.empty();
    } finally {
      deleteQuietly(dir);
    }
  }

  private static IradonResult bestOrientation(float[] img, int rows, int cols, Volume truth, Mask roi, Measurement m) {
    IradonResult best = null;
    for (int variant = 0; variant < 8; variant++) {
      boolean transpose = (variant & 4) != 0;
      boolean flipRows = (variant & 2) != 0;
      boolean flipCols = (variant & 1) != 0;
      int nx = transpose ? rows : cols;
      int ny = transpose ? cols : rows;
      if (nx != truth.nx() || ny != truth.ny()) {
        continue;
      }
      float[] v = new float[nx * ny];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          int rr = flipRows ? rows - 1 - r : r;
          int cc = flipCols ? cols - 1 - c : c;
          int x = transpose ? rr : cc;
          int y = transpose ? cc : rr;
          v[y * nx + x] = img[r * cols + c];
        }
      }
      Comparison c = Comparison.of(Volume.wrap(nx, ny, 1, Spacing.isotropic(1), v), truth, roi);
      if (best == null || c.rmse() < best.roi().rmse()) {
        List<String> how = new ArrayList<>();
        if (transpose) {
          how.add("transposed");
        }
        if (flipRows) {
          how.add("rows flipped");
        }
        if (flipCols) {
          how.add("columns flipped");
        }
        best = new IradonResult(m, c, how.isEmpty() ? "as is" : String.join(", ", how));
      }
    }
    if (best == null) {
      throw new IllegalStateException("iradon returned a " + rows + "x" + cols + " image, expected " + truth.nx() + "x" + truth.ny());
    }
    return best;
  }

  private static void writeFloats(Path path, float[] data) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(data);
    Files.write(path, b.array());
  }

  private static float[] readFloats(Path path, int n) throws IOException {
    float[] out = new float[n];
    ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
