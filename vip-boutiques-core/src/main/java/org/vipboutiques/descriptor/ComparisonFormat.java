package org.vipboutiques.descriptor;

import java.util.Locale;
import java.util.Optional;

/** How an output and its reference file are read for a numeric comparison. */
public enum ComparisonFormat {
  /** NIfTI-1 images, {@code .nii} or gzip-compressed. */
  NIFTI("nifti"),
  /** Text tables: cells separated by tabs, commas, semicolons or spaces, one row a line. */
  TABLE("table");

  private final String json;

  ComparisonFormat(String json) {
    this.json = json;
  }

  /** The name in a descriptor ({@code "format": "nifti"}). */
  public String json() {
    return json;
  }

  static Optional<ComparisonFormat> fromJson(String name) {
    for (ComparisonFormat f : values()) {
      if (f.json.equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format a file name implies: {@code .nii}/{@code .nii.gz} NIfTI, {@code .csv .tsv .txt .dat} tables. */
  static Optional<ComparisonFormat> fromFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".nii") || n.endsWith(".nii.gz")) {
      return Optional.of(NIFTI);
    }
    if (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt") || n.endsWith(".dat")) {
      return Optional.of(TABLE);
    }
    return Optional.empty();
  }
}
