package org.vipboutiques.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A JSON number that remembers how it was written. As in Python, a literal without a
 * fraction or an exponent is an integer of any size; any other literal is a float.
 */
public final class JsonNumber implements JsonValue, Comparable<JsonNumber> {

  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  /** Integers up to 2^53 in magnitude are exact as doubles; comparisons take that fast path. */
  private static final double EXACT = 9007199254740992.0;

  private final String literal;
  private final boolean integral;
  private final double doubleValue;
  /**
   * {@link #pythonString()}, made once: a sweep formats the same values in thousands of command
   * lines, and the float repr (exact, BigInteger-based) dominated a sweep's check. A benign race:
   * Strings are immutable, so a thread sees null or the whole value.
   */
  private String python;

  private JsonNumber(String literal, boolean integral, double doubleValue) {
    this.literal = literal;
    this.integral = integral;
    this.doubleValue = doubleValue;
  }

  /** Whether the double is this number's exact value (every float; integers up to 2^53). */
  private boolean exactAsDouble() {
    return !integral || Math.abs(doubleValue) < EXACT;
  }

  /** Parses a JSON number literal; also accepts {@code NaN}, {@code Infinity}, {@code -Infinity}. */
  public static JsonNumber parse(String literal) {
    Objects.requireNonNull(literal, "literal");
    switch (literal) {
      case "NaN":
        return new JsonNumber(literal, false, Double.NaN);
      case "Infinity":
        return new JsonNumber(literal, false, Double.POSITIVE_INFINITY);
      case "-Infinity":
        return new JsonNumber(literal, false, Double.NEGATIVE_INFINITY);
      default:
        break;
    }
    if (!JSON_NUMBER.matcher(literal).matches()) {
      throw new IllegalArgumentException("not a JSON number: " + literal);
    }
    boolean integral = literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
    return new JsonNumber(literal, integral, Double.parseDouble(literal));
  }

  public static JsonNumber of(long value) {
    return value >= 0 && value < SMALL.length ? SMALL[(int) value] : new JsonNumber(Long.toString(value), true, value);
  }

  private static final JsonNumber[] SMALL = new JsonNumber[256];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new JsonNumber(Integer.toString(i), true, i);
    }
  }

  public static JsonNumber of(BigInteger value) {
    return new JsonNumber(value.toString(), true, value.doubleValue());
  }

  /** A float, written as Python writes it. */
  public static JsonNumber of(double value) {
    String text;
    if (Double.isNaN(value)) {
      text = "NaN";
    } else if (Double.isInfinite(value)) {
      text = value > 0 ? "Infinity" : "-Infinity";
    } else {
      text = FloatRepr.repr(value);
    }
    return new JsonNumber(text, false, value);
  }

  /** The literal as read (or as Python would write it, for computed values). */
  public String literal() {
    return literal;
  }

  /** Whether Python reads this literal as an {@code int}. */
  public boolean isIntegral() {
    return integral;
  }

  public double doubleValue() {
    return doubleValue;
  }

  /** The exact integer value; only for integral numbers. */
  public BigInteger bigIntegerValue() {
    if (!integral) {
      throw new IllegalStateException("not an integer: " + literal);
    }
    return new BigInteger(literal);
  }

  /** Whether the value is finite (Python ints always are). */
  public boolean isFinite() {
    return integral || Double.isFinite(doubleValue);
  }

  /** The exact value; only for finite numbers. */
  public BigDecimal exactValue() {
    if (integral) {
      return new BigDecimal(literal);
    }
    if (!Double.isFinite(doubleValue)) {
      throw new IllegalStateException("not finite: " + literal);
    }
    return new BigDecimal(doubleValue);
  }

  /** The value as Python's {@code str()} prints it: {@code 10}, {@code 1.0}, {@code 1e-07}. */
  public String pythonString() {
    String p = python;
    if (p == null) {
      p = computePythonString();
      python = p;
    }
    return p;
  }

  private String computePythonString() {
    if (integral) {
      return literal.equals("-0") ? "0" : bigIntegerValue().toString();
    }
    if (Double.isNaN(doubleValue)) {
      return "nan";
    }
    if (Double.isInfinite(doubleValue)) {
      return doubleValue > 0 ? "inf" : "-inf";
    }
    return FloatRepr.repr(doubleValue);
  }

  /** Exact numeric comparison, as Python compares ints and floats (NaN sorts as equal). */
  @Override
  public int compareTo(JsonNumber other) {
    if (exactAsDouble() && other.exactAsDouble() && !Double.isNaN(doubleValue) && !Double.isNaN(other.doubleValue)) {
      // -0.0 == 0.0 in Python; Double.compare would order them.
      return doubleValue < other.doubleValue ? -1 : doubleValue > other.doubleValue ? 1 : 0;
    }
    if (isFinite() && other.isFinite()) {
      return exactValue().compareTo(other.exactValue());
    }
    double a = isFinite() ? 0 : doubleValue;
    double b = other.isFinite() ? 0 : other.doubleValue;
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return 0;
    }
    return Double.compare(a, b);
  }

  /** Python's {@code ==} between numbers (exact; NaN equals nothing). */
  public boolean numericallyEquals(JsonNumber other) {
    if (Double.isNaN(doubleValue) && !integral || Double.isNaN(other.doubleValue) && !other.integral) {
      return false;
    }
    return compareTo(other) == 0;
  }

  @Override
  public String typeName() {
    return "number";
  }

  @Override
  public boolean truthy() {
    if (integral) {
      return bigIntegerValue().signum() != 0;
    }
    return doubleValue != 0.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonNumber n && n.literal.equals(literal);
  }

  @Override
  public int hashCode() {
    return literal.hashCode();
  }

  @Override
  public String toString() {
    return literal;
  }
}
