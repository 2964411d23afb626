package org.vipboutiques.sweep;

import java.util.List;
import java.util.stream.Collectors;
import org.vipboutiques.BoutiquesException;

/**
 * A sweep that cannot run; nothing was submitted. {@link #errors()} has every problem of the
 * whole sweep, or the problems of each invalid combination (the first
 * {@value #MAX_REPORTED} combinations with errors; the message says how many there are in all).
 */
public final class InvalidSweepException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  /** The most combinations whose errors are kept. */
  public static final int MAX_REPORTED = 100;

  private final transient List<SweepError> errors;

  InvalidSweepException(List<SweepError> errors, int invalidCombinations) {
    super(message(errors, invalidCombinations));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an invalid sweep has at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  public List<SweepError> errors() {
    return errors;
  }

  private static String message(List<SweepError> errors, int invalidCombinations) {
    String lines = errors.stream().map(SweepError::toString).collect(Collectors.joining("\n"));
    long shown = errors.stream().filter(e -> e.combination().isPresent()).map(e -> e.combination().get()).distinct()
        .count();
    return invalidCombinations > shown
        ? lines + "\n(" + invalidCombinations + " combinations are invalid; the first " + shown + " are shown)"
        : lines;
  }
}
