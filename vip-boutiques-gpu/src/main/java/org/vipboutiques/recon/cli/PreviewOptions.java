package org.vipboutiques.recon.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.vipboutiques.recon.preview.DisplayWindow;
import org.vipboutiques.recon.preview.PngPreview;
import org.vipboutiques.recon.volume.Volume;
import picocli.CommandLine.Option;

/** --preview FILE.png and --window low,high. */
final class PreviewOptions {
  @Option(names = "--preview", paramLabel = "PNG",
      description = "Also write an 8-bit PNG preview (2D: the image; 3D: the three middle slices).")
  Optional<Path> preview;

  @Option(names = "--window", paramLabel = "LOW,HIGH",
      description = "Grey-level window of the preview (default: 1st to 99th percentile).")
  Optional<String> window;

  void write(Volume v) {
    preview.ifPresent(p -> PngPreview.write(p, v, window.map(DisplayWindow::parse).orElseGet(() -> DisplayWindow.auto(v))));
  }
}
