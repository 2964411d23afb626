package org.vipboutiques.condition;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reference's type check of a conditional-path-template expression in which input ids
 * were replaced by their types: both sides of a comparison have the same type, {@code and}
 * and {@code or} join only booleans, no Python keyword other than these. Ported as is,
 * including how it reads nested parentheses.
 */
public final class ConditionTypeCheck {

  private static final Set<String> COMPARATORS = Set.of("==", "!=", "<", ">", "<=", ">=");
  private static final Set<String> ALLOWED_KEYWORDS = Set.of("and", "or", "false", "true");
  private static final Set<String> BOOLEAN_OPERANDS =
      Set.of("String", "File", "Flag", "Number", "True", "False");
  private static final Set<String> TYPES = Set.of("String", "File", "Flag", "Number");
  private static final Pattern NUMBER = Pattern.compile("[0-9]*\\.?[0-9]+");
  private static final Pattern BOOLEAN = Pattern.compile("True|False|false|true");
  /** Python gives up at about this depth of recursion; so do we. */
  private static final int MAX_DEPTH = 900;

  private ConditionTypeCheck() {}

  /** Whether the typed expression passes; malformed when the reference would crash. */
  public static boolean isValid(String typedExpression) throws MalformedConditionException {
    return isValid(typedExpression, typedExpression, 0);
  }

  private static boolean isValid(String exp, String whole, int depth) throws MalformedConditionException {
    if (depth > MAX_DEPTH) {
      throw new MalformedConditionException(whole, "is nested too deeply");
    }
    int brackets = 0;
    int startIdx = 0;
    StringBuilder rebuilt = new StringBuilder();
    for (int idx = 0; idx < exp.length(); idx++) {
      char c = exp.charAt(idx);
      if (c == '(') {
        brackets++;
        startIdx = idx + 1;
      } else if (c == ')') {
        brackets--;
        if (brackets == 0) {
          String sub = startIdx <= idx ? exp.substring(startIdx, idx) : "";
          if (!isValid(sub, whole, depth + 1)) {
            return false;
          }
          rebuilt.append("True");
        }
      } else if (brackets == 0) {
        rebuilt.append(c);
      }
    }
    List<String> elements = PythonText.split(PythonText.strip(rebuilt.toString()));
    int n = elements.size();
    for (int idx = 0; idx < n; idx++) {
      String e = PythonText.strip(elements.get(idx));
      if (COMPARATORS.contains(e)) {
        if (!typeOf(at(elements, idx - 1, whole)).equals(typeOf(at(elements, idx + 1, whole)))) {
          return false;
        }
      }
      String lower = e.toLowerCase(Locale.ROOT);
      if (PythonText.isKeyword(e) && !ALLOWED_KEYWORDS.contains(lower)) {
        return false;
      }
      if (lower.equals("and") || lower.equals("or")) {
        if (!BOOLEAN_OPERANDS.contains(at(elements, idx - 1, whole))
            || !BOOLEAN_OPERANDS.contains(at(elements, idx + 1, whole))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Python indexing: -1 is the last element; past the end is an error. */
  private static String at(List<String> elements, int idx, String whole) throws MalformedConditionException {
    int i = idx < 0 ? elements.size() + idx : idx;
    if (i < 0 || i >= elements.size()) {
      throw new MalformedConditionException(whole, "has an operator without an operand");
    }
    return elements.get(i);
  }

  private static String typeOf(String word) {
    String s = PythonText.strip(word);
    if (TYPES.contains(s)) {
      return s.equals("File") ? "String" : s;
    }
    if (NUMBER.matcher(s).matches()) {
      return "Number";
    }
    if (BOOLEAN.matcher(s).matches()) {
      return "Flag";
    }
    return "String";
  }
}
