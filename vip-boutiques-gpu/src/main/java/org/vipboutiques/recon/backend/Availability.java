package org.vipboutiques.recon.backend;

/** Whether a back end can run here, and a one-line explanation (device found, or why not). */
public record Availability(boolean usable, String detail) {
  public Availability {
    if (detail == null || detail.isBlank()) {
      throw new IllegalArgumentException("an availability needs an explanation");
    }
  }

  public static Availability usable(String detail) {
    return new Availability(true, detail);
  }

  public static Availability unusable(String reason) {
    return new Availability(false, reason);
  }
}
