package org.vipboutiques.recon.cuda;

/** A CUDA grid or block size. */
record Dim3(int x, int y, int z) {
  Dim3 {
    if (x < 1 || y < 1 || z < 1 || y > 65535 || z > 65535) {
      throw new IllegalArgumentException("launch dimensions out of range: " + x + ", " + y + ", " + z);
    }
  }

  static Dim3 of(int x, int y, int z) {
    return new Dim3(x, y, z);
  }

  static int blocks(long items, int perBlock) {
    return Math.toIntExact((items + perBlock - 1) / perBlock);
  }
}
