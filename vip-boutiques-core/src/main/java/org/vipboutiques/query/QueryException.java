package org.vipboutiques.query;

/** A query that does not follow the {@code section[/key=value,...]} form. */
public final class QueryException extends Exception {

  private static final long serialVersionUID = 1L;

  public QueryException(String message) {
    super(message);
  }
}
