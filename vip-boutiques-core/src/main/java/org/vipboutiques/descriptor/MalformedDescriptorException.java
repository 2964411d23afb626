package org.vipboutiques.descriptor;

import org.vipboutiques.BoutiquesException;

/** A descriptor part that cannot be read as the format says (say, a number where text belongs). */
public final class MalformedDescriptorException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  public MalformedDescriptorException(String message) {
    super(message);
  }
}
