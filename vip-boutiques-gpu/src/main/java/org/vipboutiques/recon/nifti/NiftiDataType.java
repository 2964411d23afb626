package org.vipboutiques.recon.nifti;

import java.util.Locale;

/** NIfTI-1 voxel types supported for reading and writing, with their codes and integer ranges. */
public enum NiftiDataType {
  UINT8(2, 8, 0, 255),
  INT16(4, 16, Short.MIN_VALUE, Short.MAX_VALUE),
  INT32(8, 32, Integer.MIN_VALUE, Integer.MAX_VALUE),
  FLOAT32(16, 32, Double.NaN, Double.NaN),
  COMPLEX64(32, 64, Double.NaN, Double.NaN),
  FLOAT64(64, 64, Double.NaN, Double.NaN),
  INT8(256, 8, Byte.MIN_VALUE, Byte.MAX_VALUE),
  UINT16(512, 16, 0, 65535),
  UINT32(768, 32, 0, 4294967295.0);

  private final int code;
  private final int bitsPerVoxel;
  private final double min;
  private final double max;

  NiftiDataType(int code, int bitsPerVoxel, double min, double max) {
    this.code = code;
    this.bitsPerVoxel = bitsPerVoxel;
    this.min = min;
    this.max = max;
  }

  public int code() {
    return code;
  }

  public int bitsPerVoxel() {
    return bitsPerVoxel;
  }

  public int bytesPerVoxel() {
    return bitsPerVoxel / 8;
  }

  /** True for the integer types, which store values through scl_slope and scl_inter. */
  public boolean isInteger() {
    return !Double.isNaN(min);
  }

  public boolean isComplex() {
    return this == COMPLEX64;
  }

  /** Smallest storable integer (integer types only). */
  double min() {
    return min;
  }

  /** Largest storable integer (integer types only). */
  double max() {
    return max;
  }

  /** The type with NIfTI code {@code code}. */
  public static NiftiDataType ofCode(int code) {
    for (NiftiDataType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new NiftiFormatException("unsupported NIfTI datatype code " + code
        + " (supported: uint8, int8, int16, uint16, int32, uint32, float32, float64, complex64)");
  }

  /** Parses a name such as float32, int16, uint8 (case-insensitive). */
  public static NiftiDataType parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown NIfTI data type '" + name
          + "' (expected uint8, int8, int16, uint16, int32, uint32, float32, float64 or complex64)", e);
    }
  }
}
