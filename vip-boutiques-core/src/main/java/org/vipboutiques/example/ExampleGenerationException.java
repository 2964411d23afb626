package org.vipboutiques.example;

import org.vipboutiques.BoutiquesException;

/** No valid invocation could be found for a descriptor (its constraints contradict each other). */
public final class ExampleGenerationException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  public ExampleGenerationException(String message) {
    super(message);
  }
}
