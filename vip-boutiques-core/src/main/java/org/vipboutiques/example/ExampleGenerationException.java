package org.vipboutiques.example;

/** No valid invocation could be found for a descriptor (its constraints contradict each other). */
public final class ExampleGenerationException extends Exception {

  private static final long serialVersionUID = 1L;

  public ExampleGenerationException(String message) {
    super(message);
  }
}
