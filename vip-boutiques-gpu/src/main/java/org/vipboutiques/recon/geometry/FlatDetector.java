package org.vipboutiques.recon.geometry;

/**
 * A flat panel of {@code columns} x {@code rows} pixels; column c and row r have their centres at
 * u = (c - (columns - 1) / 2) * columnSpacing and v = (r - (rows - 1) / 2) * rowSpacing, measured
 * on the detector plane (not scaled to the isocentre).
 */
public record FlatDetector(int columns, int rows, double columnSpacing, double rowSpacing) {
  public FlatDetector {
    if (columns < 1 || rows < 1) {
      throw new IllegalArgumentException("detector size must be positive, got " + columns + "x" + rows);
    }
    if (!(columnSpacing > 0) || !(rowSpacing > 0)
        || Double.isInfinite(columnSpacing) || Double.isInfinite(rowSpacing)) {
      throw new IllegalArgumentException("detector pixel spacing must be finite and positive");
    }
  }

  public double u(int column) {
    return (column - (columns - 1) / 2.0) * columnSpacing;
  }

  public double v(int row) {
    return (row - (rows - 1) / 2.0) * rowSpacing;
  }
}
