package org.vipboutiques.condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the small part of Python's expression language that conditional path templates
 * are made of, with Python's semantics: literals, {@code and}/{@code or}/{@code not}, chained
 * comparisons, {@code in}, arithmetic and parentheses. The reference implementation hands
 * these expressions to {@code eval}; anything that would raise there is reported as malformed.
 */
public final class PythonExpression {

  /** Python's {@code None}. */
  private static final Object NONE = new Object() {
    @Override
    public String toString() {
      return "None";
    }
  };

  private static final int MAX_DEPTH = 200;

  /** Python's limit on the digits of an integer literal ({@code sys.get_int_max_str_digits()}). */
  static final int MAX_INT_DIGITS = 4300;

  /**
   * The largest integer or text a computation may make: every step of an evaluation then takes
   * a bounded time (Python has no such bound; no real condition comes near it).
   */
  private static final int MAX_INT_BITS = 1 << 17;
  private static final int MAX_TEXT_CHARS = 1 << 24;

  private final String source;
  private final List<Token> tokens;
  private int pos;
  private int depth;

  private PythonExpression(String source, List<Token> tokens) {
    this.source = source;
    this.tokens = tokens;
  }

  /** Evaluates {@code expression} and returns its truth value. */
  public static boolean isTrue(String expression) throws MalformedConditionException {
    return isTrue(expression, List.of(), expression);
  }

  /**
   * Evaluates code in which each line break stands for the next of {@code values}: each value
   * is one literal, never code (see {@link BoundCondition}).
   *
   * @param display the expression as messages show it
   */
  static boolean isTrue(String code, List<String> values, String display) throws MalformedConditionException {
    PythonExpression e = new PythonExpression(display, new Tokenizer(code, values, display).tokens());
    Object value = e.parseExpression();
    if (e.peek().kind != Kind.END) {
      throw e.error("has unexpected text after the expression");
    }
    return truthy(value);
  }

  // ---- parser / evaluator (evaluates while parsing; and/or short-circuit on values only,
  // which is safe because evaluating the skipped side has no effects, only possible errors;
  // to keep Python's behaviour the skipped side is parsed but its errors are not raised).

  private Object parseExpression() throws MalformedConditionException {
    if (++depth > MAX_DEPTH) {
      throw error("is nested too deeply");
    }
    try {
      return parseOr();
    } finally {
      depth--;
    }
  }

  private Object parseOr() throws MalformedConditionException {
    Object left = parseAnd();
    while (peekName("or")) {
      pos++;
      boolean done = truthy(left);
      Object right = parseLazily(this::parseAnd, done, false);
      if (!done) {
        left = right;
      }
    }
    return left;
  }

  private Object parseAnd() throws MalformedConditionException {
    Object left = parseNot();
    while (peekName("and")) {
      pos++;
      boolean done = !truthy(left);
      Object right = parseLazily(this::parseNot, done, true);
      if (!done) {
        left = right;
      }
    }
    return left;
  }

  private interface Step {
    Object parse() throws MalformedConditionException;
  }

  /** Parses an operand; when it is short-circuited away, evaluation errors are ignored. */
  private Object parseLazily(Step step, boolean skipped, boolean stopAtAnd) throws MalformedConditionException {
    if (!skipped) {
      return step.parse();
    }
    int start = pos;
    try {
      return step.parse();
    } catch (EvaluationError e) {
      // Python never evaluates the skipped side; only syntax matters. Re-parse syntax only.
      pos = start;
      skipOperand(stopAtAnd);
      return NONE;
    }
  }

  private void skipOperand(boolean stopAtAnd) throws MalformedConditionException {
    // Syntax-only pass: consume tokens of one operand (up to and/or at this nesting level).
    int level = 0;
    while (true) {
      Token t = peek();
      if (t.kind == Kind.END) {
        if (level != 0) {
          throw error("has unbalanced parentheses");
        }
        return;
      }
      if (t.kind == Kind.OP && t.text.equals("(")) {
        level++;
      } else if (t.kind == Kind.OP && t.text.equals(")")) {
        if (level == 0) {
          return;
        }
        level--;
      } else if (level == 0 && t.kind == Kind.NAME
          && (t.text.equals("or") || stopAtAnd && t.text.equals("and"))) {
        return;
      }
      pos++;
    }
  }

  private Object parseNot() throws MalformedConditionException {
    if (peekName("not")) {
      pos++;
      return !truthy(parseNot());
    }
    return parseComparison();
  }

  private Object parseComparison() throws MalformedConditionException {
    Object left = parseArith();
    boolean result = true;
    boolean any = false;
    while (true) {
      String op = comparisonOperator();
      if (op == null) {
        break;
      }
      any = true;
      Object right = parseArith();
      if (result) {
        result = compare(op, left, right);
      }
      left = right;
    }
    return any ? (Object) result : left;
  }

  private String comparisonOperator() {
    Token t = peek();
    if (t.kind == Kind.OP) {
      switch (t.text) {
        case "==", "!=", "<", ">", "<=", ">=" -> {
          pos++;
          return t.text;
        }
        default -> {
          return null;
        }
      }
    }
    if (t.kind == Kind.NAME) {
      if (t.text.equals("in")) {
        pos++;
        return "in";
      }
      if (t.text.equals("is")) {
        pos++;
        if (peekName("not")) {
          pos++;
          return "is not";
        }
        return "is";
      }
      if (t.text.equals("not") && pos + 1 < tokens.size()
          && tokens.get(pos + 1).kind == Kind.NAME && tokens.get(pos + 1).text.equals("in")) {
        pos += 2;
        return "not in";
      }
    }
    return null;
  }

  private Object parseArith() throws MalformedConditionException {
    Object left = parseTerm();
    while (peekOp("+") || peekOp("-")) {
      String op = tokens.get(pos++).text;
      Object right = parseTerm();
      left = arithmetic(op, left, right);
    }
    return left;
  }

  private Object parseTerm() throws MalformedConditionException {
    Object left = parseFactor();
    while (peekOp("*") || peekOp("/") || peekOp("//") || peekOp("%")) {
      String op = tokens.get(pos++).text;
      Object right = parseFactor();
      left = arithmetic(op, left, right);
    }
    return left;
  }

  private Object parseFactor() throws MalformedConditionException {
    // Unary signs in a loop, not by recursion: a value of a million minus signs is one factor.
    List<String> signs = new ArrayList<>();
    while (peekOp("-") || peekOp("+")) {
      signs.add(tokens.get(pos++).text);
    }
    Object operand = parseAtom();
    for (int k = signs.size() - 1; k >= 0; k--) {
      String op = signs.get(k);
      if (operand instanceof Boolean b) {
        operand = b ? BigInteger.ONE : BigInteger.ZERO;
      }
      if (operand instanceof BigInteger i) {
        operand = op.equals("-") ? i.negate() : i;
      } else if (operand instanceof Double d) {
        operand = op.equals("-") ? -d : d;
      } else {
        throw evalError("bad operand type for unary " + op);
      }
    }
    return operand;
  }

  private Object parseAtom() throws MalformedConditionException {
    Token t = peek();
    switch (t.kind) {
      case INT -> {
        pos++;
        return new BigInteger(t.text);
      }
      case FLOAT -> {
        pos++;
        return Double.parseDouble(t.text);
      }
      case STRING -> {
        StringBuilder s = new StringBuilder();
        while (peek().kind == Kind.STRING) {
          s.append(tokens.get(pos++).text);
        }
        return s.toString();
      }
      case NAME -> {
        pos++;
        switch (t.text) {
          case "True" -> {
            return Boolean.TRUE;
          }
          case "False" -> {
            return Boolean.FALSE;
          }
          case "None" -> {
            return NONE;
          }
          default -> {
            if (PythonText.isKeyword(t.text)) {
              throw error("has a misplaced keyword '" + t.text + "'");
            }
            throw evalError("name '" + t.text + "' is not defined");
          }
        }
      }
      case OP -> {
        if (t.text.equals("(")) {
          pos++;
          if (peekOp(")")) {
            throw error("has an empty tuple, which this evaluator does not support");
          }
          Object inner = parseExpression();
          if (!peekOp(")")) {
            throw error("has unbalanced parentheses");
          }
          pos++;
          return inner;
        }
        throw error("has an unexpected '" + t.text + "'");
      }
      default -> throw error("ends too early");
    }
  }

  // ---- semantics

  private boolean compare(String op, Object a, Object b) throws EvaluationError {
    switch (op) {
      case "==" -> {
        return pyEquals(a, b);
      }
      case "!=" -> {
        return !pyEquals(a, b);
      }
      case "is" -> {
        return identical(a, b);
      }
      case "is not" -> {
        return !identical(a, b);
      }
      case "in", "not in" -> {
        if (!(b instanceof String container)) {
          throw evalError("argument of type '" + typeName(b) + "' is not iterable");
        }
        if (!(a instanceof String element)) {
          throw evalError("'in <string>' requires string as left operand, not " + typeName(a));
        }
        return op.equals("in") == (Substrings.indexOf(container, element) >= 0);
      }
      default -> {
        int c = order(a, b, op);
        return switch (op) {
          case "<" -> c < 0;
          case ">" -> c > 0;
          case "<=" -> c <= 0;
          default -> c >= 0;
        };
      }
    }
  }

  private static boolean identical(Object a, Object b) {
    if (a == NONE || b == NONE) {
      return a == b;
    }
    if (a instanceof Boolean || b instanceof Boolean) {
      return a.equals(b);
    }
    return false;
  }

  private static boolean pyEquals(Object a, Object b) {
    if (isNumber(a) && isNumber(b)) {
      return numericCompare(a, b) == 0 && !isNaN(a) && !isNaN(b);
    }
    if (a instanceof String sa && b instanceof String sb) {
      return sa.equals(sb);
    }
    return a == NONE && b == NONE;
  }

  private int order(Object a, Object b, String op) throws EvaluationError {
    if (isNumber(a) && isNumber(b)) {
      if (isNaN(a) || isNaN(b)) {
        return op.contains("=") ? 1 : 0;
      }
      return numericCompare(a, b);
    }
    if (a instanceof String sa && b instanceof String sb) {
      return compareCodePoints(sa, sb);
    }
    throw evalError("'" + op + "' not supported between instances of '" + typeName(a)
        + "' and '" + typeName(b) + "'");
  }

  private Object arithmetic(String op, Object a, Object b) throws EvaluationError {
    if (op.equals("+") && a instanceof String sa && b instanceof String sb) {
      if ((long) sa.length() + sb.length() > MAX_TEXT_CHARS) {
        throw evalError("the text made would be longer than " + MAX_TEXT_CHARS + " characters");
      }
      return sa + sb;
    }
    if (!isNumber(a) || !isNumber(b)) {
      throw evalError("unsupported operand type(s) for " + op + ": '" + typeName(a) + "' and '"
          + typeName(b) + "'");
    }
    boolean ints = !(a instanceof Double) && !(b instanceof Double);
    if (ints && !op.equals("/")) {
      BigInteger x = toBigInteger(a);
      BigInteger y = toBigInteger(b);
      if (op.equals("*") && (long) x.bitLength() + y.bitLength() > MAX_INT_BITS
          || x.bitLength() > MAX_INT_BITS || y.bitLength() > MAX_INT_BITS) {
        throw evalError("the number made would have more than " + MAX_INT_BITS + " bits");
      }
      switch (op) {
        case "+" -> {
          return x.add(y);
        }
        case "-" -> {
          return x.subtract(y);
        }
        case "*" -> {
          return x.multiply(y);
        }
        default -> {
          if (y.signum() == 0) {
            throw evalError("integer division or modulo by zero");
          }
          BigInteger[] qr = x.divideAndRemainder(y);
          if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
            qr[0] = qr[0].subtract(BigInteger.ONE);
            qr[1] = qr[1].add(y);
          }
          return op.equals("//") ? qr[0] : qr[1];
        }
      }
    }
    double x = toDouble(a);
    double y = toDouble(b);
    switch (op) {
      case "+" -> {
        return x + y;
      }
      case "-" -> {
        return x - y;
      }
      case "*" -> {
        return x * y;
      }
      case "/" -> {
        if (y == 0) {
          throw evalError("division by zero");
        }
        return x / y;
      }
      case "//" -> {
        if (y == 0) {
          throw evalError("float floor division by zero");
        }
        return Math.floor(x / y);
      }
      default -> {
        if (y == 0) {
          throw evalError("float modulo");
        }
        double r = x % y;
        return (r != 0 && (r < 0) != (y < 0)) ? r + y : r;
      }
    }
  }

  private static boolean truthy(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof BigInteger i) {
      return i.signum() != 0;
    }
    if (v instanceof Double d) {
      return d != 0.0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    return false;
  }

  private static boolean isNumber(Object v) {
    return v instanceof BigInteger || v instanceof Double || v instanceof Boolean;
  }

  private static boolean isNaN(Object v) {
    return v instanceof Double d && d.isNaN();
  }

  private static BigInteger toBigInteger(Object v) {
    if (v instanceof Boolean b) {
      return b ? BigInteger.ONE : BigInteger.ZERO;
    }
    return (BigInteger) v;
  }

  private static double toDouble(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    return toBigInteger(v).doubleValue();
  }

  private static int numericCompare(Object a, Object b) {
    if (a instanceof Double da && !Double.isFinite(da) || b instanceof Double db && !Double.isFinite(db)) {
      return Double.compare(toDouble(a), toDouble(b));
    }
    return toDecimal(a).compareTo(toDecimal(b));
  }

  private static BigDecimal toDecimal(Object v) {
    if (v instanceof Double d) {
      return new BigDecimal(d);
    }
    return new BigDecimal(toBigInteger(v));
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static String typeName(Object v) {
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof BigInteger) {
      return "int";
    }
    if (v instanceof Double) {
      return "float";
    }
    if (v instanceof String) {
      return "str";
    }
    return "NoneType";
  }

  // ---- tokens

  private Token peek() {
    return tokens.get(Math.min(pos, tokens.size() - 1));
  }

  private boolean peekName(String name) {
    Token t = peek();
    return t.kind == Kind.NAME && t.text.equals(name);
  }

  private boolean peekOp(String op) {
    Token t = peek();
    return t.kind == Kind.OP && t.text.equals(op);
  }

  private MalformedConditionException error(String reason) {
    return new MalformedConditionException(source, reason);
  }

  private EvaluationError evalError(String reason) {
    return new EvaluationError(source, "cannot be evaluated: " + reason);
  }

  /** An error Python raises only when it evaluates the faulty part. */
  private static final class EvaluationError extends MalformedConditionException {
    private static final long serialVersionUID = 1L;

    EvaluationError(String expression, String reason) {
      super(expression, reason);
    }
  }

  private enum Kind { INT, FLOAT, STRING, NAME, OP, END }

  /** A number as a value may be written: ASCII digits, at most one dot. */
  private static final java.util.regex.Pattern VALUE_NUMBER =
      java.util.regex.Pattern.compile("[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+");

  private record Token(Kind kind, String text) {}

  private static final class Tokenizer {
    private final String s;
    private final List<String> values;
    private final String display;
    private int i;
    private int nextValue;

    Tokenizer(String s, List<String> values, String display) {
      this.s = s;
      this.values = values;
      this.display = display;
    }

    /**
     * A bound value as the reference reads it, but as data: text that looks like a number
     * ({@code isdigit} once dots and minus signs are removed) is a number with its minus
     * signs, anything else is one string, as given (no escapes read, no quote ends it).
     */
    private void value(List<Token> out, String v) throws MalformedConditionException {
      if (!PythonText.isDigit(v.replace(".", "").replace("-", ""))) {
        out.add(new Token(Kind.STRING, v));
        return;
      }
      int k = 0;
      while (k < v.length() && v.charAt(k) == '-') {
        k++;
      }
      if (k % 2 == 1) {
        // Python negates once per sign; pairs cancel.
        out.add(new Token(Kind.OP, "-"));
      }
      String number = v.substring(k);
      if (!VALUE_NUMBER.matcher(number).matches()) {
        throw new MalformedConditionException(display, "compares the value \"" + BoundCondition.abbreviate(v)
            + "\", which looks like a number but is not one");
      }
      boolean isFloat = number.indexOf('.') >= 0;
      if (!isFloat) {
        checkInteger(number);
      }
      out.add(new Token(isFloat ? Kind.FLOAT : Kind.INT, number));
    }

    private void checkInteger(String text) throws MalformedConditionException {
      if (text.length() > 1 && text.charAt(0) == '0' && !text.chars().allMatch(ch -> ch == '0')) {
        throw new MalformedConditionException(display, "has an integer with leading zeros");
      }
      if (text.length() > MAX_INT_DIGITS) {
        throw new MalformedConditionException(display, "has an integer of " + text.length()
            + " digits, more than Python's limit of " + MAX_INT_DIGITS);
      }
    }

    List<Token> tokens() throws MalformedConditionException {
      List<Token> out = new ArrayList<>();
      while (true) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\f')) {
          i++;
        }
        if (i >= s.length()) {
          out.add(new Token(Kind.END, ""));
          return out;
        }
        char c = s.charAt(i);
        if (c == '\n' && nextValue < values.size()) {
          value(out, values.get(nextValue++));
          i++;
        } else if (c == '"' || c == '\'') {
          out.add(new Token(Kind.STRING, string(c)));
        } else if (Character.isDigit(c) && c < 128 || c == '.' && i + 1 < s.length() && isAsciiDigit(s.charAt(i + 1))) {
          out.add(number());
        } else if (Character.isJavaIdentifierStart(c) && c != '$') {
          int start = i;
          while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i)) && s.charAt(i) != '$') {
            i++;
          }
          String name = s.substring(start, i);
          if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
            throw new MalformedConditionException(display, "uses a string prefix '" + name + "', which is not supported");
          }
          out.add(new Token(Kind.NAME, name));
        } else {
          out.add(new Token(Kind.OP, operator()));
        }
      }
    }

    private static boolean isAsciiDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private String operator() throws MalformedConditionException {
      String[] ops = {"**", "//", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "(", ")"};
      for (String op : ops) {
        if (s.startsWith(op, i)) {
          if (op.equals("**")) {
            throw new MalformedConditionException(display, "uses '**', which is not supported");
          }
          i += op.length();
          return op;
        }
      }
      throw new MalformedConditionException(display, "has an invalid character '" + s.charAt(i) + "'");
    }

    private Token number() throws MalformedConditionException {
      int start = i;
      digits();
      boolean isFloat = false;
      if (i < s.length() && s.charAt(i) == '.') {
        isFloat = true;
        i++;
        if (i < s.length() && isAsciiDigit(s.charAt(i))) {
          digits();
        }
      }
      if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
        int save = i;
        i++;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
          i++;
        }
        if (i < s.length() && isAsciiDigit(s.charAt(i))) {
          digits();
          isFloat = true;
        } else {
          i = save;
        }
      }
      if (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        throw new MalformedConditionException(display, "has an invalid number literal");
      }
      String text = s.substring(start, i).replace("_", "");
      if (!isFloat) {
        checkInteger(text);
      }
      return new Token(isFloat ? Kind.FLOAT : Kind.INT, text);
    }

    private void digits() throws MalformedConditionException {
      while (i < s.length() && (isAsciiDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        if (s.charAt(i) == '_' && (i + 1 >= s.length() || !isAsciiDigit(s.charAt(i + 1)))) {
          throw new MalformedConditionException(display, "has an invalid number literal");
        }
        i++;
      }
    }

    private String string(char quote) throws MalformedConditionException {
      i++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw new MalformedConditionException(display, "has an unterminated string");
        }
        char c = s.charAt(i);
        if (c == quote) {
          i++;
          return out.toString();
        }
        if (c == '\n' || c == '\r') {
          throw new MalformedConditionException(display, "has a line break inside a string");
        }
        if (c == '\\') {
          i++;
          if (i >= s.length()) {
            throw new MalformedConditionException(display, "has an unterminated string");
          }
          escape(out);
          continue;
        }
        out.append(c);
        i++;
      }
    }

    private void escape(StringBuilder out) throws MalformedConditionException {
      char c = s.charAt(i);
      i++;
      switch (c) {
        case '\n' -> { }
        case '\\' -> out.append('\\');
        case '\'' -> out.append('\'');
        case '"' -> out.append('"');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case 'x' -> out.appendCodePoint(hex(2));
        case 'u' -> out.appendCodePoint(hex(4));
        case 'U' -> {
          int cp = hex(8);
          if (!Character.isValidCodePoint(cp)) {
            throw new MalformedConditionException(display, "has an invalid \\U escape");
          }
          out.appendCodePoint(cp);
        }
        default -> {
          if (c >= '0' && c <= '7') {
            int value = c - '0';
            for (int k = 0; k < 2 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
              value = value * 8 + (s.charAt(i++) - '0');
            }
            out.appendCodePoint(value);
          } else if (c == 'N') {
            throw new MalformedConditionException(display, "uses a \\N{...} escape, which is not supported");
          } else {
            out.append('\\').append(c);
          }
        }
      }
    }

    private int hex(int n) throws MalformedConditionException {
      if (i + n > s.length()) {
        throw new MalformedConditionException(display, "has a truncated escape");
      }
      try {
        int v = Integer.parseUnsignedInt(s.substring(i, i + n), 16);
        i += n;
        return v;
      } catch (NumberFormatException e) {
        throw new MalformedConditionException(display, "has a truncated escape");
      }
    }
  }
}
