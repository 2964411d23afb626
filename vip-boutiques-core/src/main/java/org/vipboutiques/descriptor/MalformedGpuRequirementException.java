package org.vipboutiques.descriptor;

import org.vipboutiques.BoutiquesException;

/** The {@code custom."vip:gpu"} value of a descriptor does not follow the convention. */
public final class MalformedGpuRequirementException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  public MalformedGpuRequirementException(String message) {
    super(message);
  }
}
