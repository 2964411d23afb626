package org.vipboutiques.json;

import java.util.Optional;
import org.vipboutiques.BoutiquesException;

/**
 * JSON input that could not be read: not UTF-8, malformed, too large or too deep.
 * Carries the source name and, for syntax errors, the line and column.
 */
public final class JsonInputException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The file could not be read. */
    IO,
    /** Not valid UTF-8 text. */
    ENCODING,
    /** Not valid JSON. */
    SYNTAX,
    /** Larger than {@link JsonLimits#maxBytes()}. */
    TOO_LARGE,
    /** Nested deeper than {@link JsonLimits#maxDepth()}. */
    TOO_DEEP,
    /** Valid JSON, but not the kind of value expected (e.g. an array instead of an object). */
    NOT_AN_OBJECT
  }

  private final Kind kind;
  private final String source;
  private final int line;
  private final int column;
  private final String detail;

  public JsonInputException(Kind kind, String source, int line, int column, String detail) {
    super(format(source, line, column, detail));
    this.kind = kind;
    this.source = source;
    this.line = line;
    this.column = column;
    this.detail = detail;
  }

  public JsonInputException(Kind kind, String source, String detail) {
    this(kind, source, 0, 0, detail);
  }

  private static String format(String source, int line, int column, String detail) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.append(": ").append(detail).toString();
  }

  public Kind kind() {
    return kind;
  }

  /** The file name, or a label such as {@code <stdin>}. */
  public String source() {
    return source;
  }

  /** The 1-based line of a syntax error. */
  public Optional<Integer> line() {
    return line > 0 ? Optional.of(line) : Optional.empty();
  }

  /** The 1-based column of a syntax error. */
  public Optional<Integer> column() {
    return column > 0 ? Optional.of(column) : Optional.empty();
  }

  /** The message without the location prefix. */
  public String detail() {
    return detail;
  }
}
