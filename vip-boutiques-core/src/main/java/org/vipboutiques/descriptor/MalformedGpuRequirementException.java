package org.vipboutiques.descriptor;

/** The {@code custom."vip:gpu"} value of a descriptor does not follow the convention. */
public final class MalformedGpuRequirementException extends Exception {

  private static final long serialVersionUID = 1L;

  public MalformedGpuRequirementException(String message) {
    super(message);
  }
}
