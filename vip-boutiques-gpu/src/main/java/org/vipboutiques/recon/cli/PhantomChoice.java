package org.vipboutiques.recon.cli;

import java.util.Locale;
import org.vipboutiques.recon.phantom.Contrast;

/** Names of the built-in phantoms on the command line. */
enum PhantomChoice {
  SHEPP_LOGAN(Contrast.ORIGINAL),
  SHEPP_LOGAN_MODIFIED(Contrast.MODIFIED);

  private final Contrast contrast;

  PhantomChoice(Contrast contrast) {
    this.contrast = contrast;
  }

  Contrast contrast() {
    return contrast;
  }

  /** The command-line spelling, e.g. shepp-logan. */
  String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static PhantomChoice parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "shepp-logan", "original" -> SHEPP_LOGAN;
      case "shepp-logan-modified", "modified" -> SHEPP_LOGAN_MODIFIED;
      default -> throw new IllegalArgumentException(
          "unknown phantom '" + name + "' (expected shepp-logan or shepp-logan-modified)");
    };
  }
}
