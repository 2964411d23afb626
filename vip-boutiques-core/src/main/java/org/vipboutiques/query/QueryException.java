package org.vipboutiques.query;

import org.vipboutiques.BoutiquesException;

/** A query that does not follow the {@code section[/key=value,...]} form. */
public final class QueryException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  public QueryException(String message) {
    super(message);
  }
}
