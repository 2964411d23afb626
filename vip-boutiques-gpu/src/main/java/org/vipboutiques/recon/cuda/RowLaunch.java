package org.vipboutiques.recon.cuda;

/** Grids for the row kernels, whose row index is blockIdx.y + gridDim.y * blockIdx.z (rows may exceed 65535). */
final class RowLaunch {
  static final Dim3 BLOCK = Dim3.of(256, 1, 1);

  private RowLaunch() {
  }

  static Dim3 grid(int rowLength, long rows) {
    int y = (int) Math.min(rows, 65535);
    return Dim3.of(Dim3.blocks(rowLength, 256), y, Dim3.blocks(rows, y));
  }
}
