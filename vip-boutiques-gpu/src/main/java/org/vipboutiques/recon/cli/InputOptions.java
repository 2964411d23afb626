package org.vipboutiques.recon.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The data to reconstruct: a file, or a built-in phantom whose exact data and reference are made on the fly. */
final class InputOptions {
  @Option(names = {"-i", "--input"}, paramLabel = "NIFTI", description = "Input data file (.nii or .nii.gz).")
  Optional<Path> file;

  @Option(names = "--phantom", paramLabel = "NAME",
      description = "Instead of --input, reconstruct exact data of a built-in phantom (shepp-logan or "
          + "shepp-logan-modified) and compare the result with the exact phantom.")
  Optional<String> phantom;

  @Option(names = "--fov", defaultValue = "256", paramLabel = "MM", description = "With --phantom: field of view. Default: ${DEFAULT-VALUE}.")
  double fov;

  /** Checks that exactly one of --input and --phantom is given; returns the phantom when that is the one. */
  Optional<PhantomChoice> phantomChoice() {
    if (file.isPresent() == phantom.isPresent()) {
      throw new IllegalArgumentException("give exactly one of --input and --phantom");
    }
    return phantom.map(PhantomChoice::parse);
  }

  Path file() {
    return file.orElseThrow(() -> new IllegalArgumentException("--input is required"));
  }
}
