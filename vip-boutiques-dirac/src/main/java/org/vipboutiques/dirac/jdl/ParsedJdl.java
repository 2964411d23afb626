package org.vipboutiques.dirac.jdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JDL as DIRAC's ClassAd reader sees it: each attribute's raw expression, read with the same
 * rules ({@link JdlParser}). The getters strip quotes and spaces as DIRAC does, so a round trip
 * through {@link JdlWriter} and this class shows what DIRAC would read.
 */
public record ParsedJdl(Map<String, String> expressions) {

  public ParsedJdl {
    expressions = Collections.unmodifiableMap(new LinkedHashMap<>(expressions));
  }

  public boolean has(String name) {
    return expressions.containsKey(name);
  }

  public Optional<String> expression(String name) {
    return Optional.ofNullable(expressions.get(name));
  }

  /** A string attribute, quotes removed (DIRAC's {@code getAttributeString}). */
  public Optional<String> string(String name) {
    return expression(name).map(e -> e.replace("\"", ""));
  }

  /** An integer attribute, empty when missing or not an integer ({@code getAttributeInt}). */
  public Optional<Long> integer(String name) {
    return string(name).flatMap(s -> {
      try {
        return Optional.of(Long.parseLong(s.trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  public boolean isList(String name) {
    return expression(name).map(e -> e.strip().startsWith("{")).orElse(false);
  }

  /** A list attribute as DIRAC's {@code getListFromExpression} reads it (spaces dropped). */
  public List<String> list(String name) {
    String temp = expression(name).orElse("").strip();
    boolean listMode = false;
    if (temp.startsWith("{")) {
      temp = temp.substring(1, Math.max(1, temp.length() - 1));
      listMode = true;
    }
    temp = temp.replace(" ", "").replace("\n", "");
    List<String> out = new ArrayList<>();
    if (temp.indexOf('{') < 0 && !listMode) {
      temp = temp.replace("\"", "");
      if (temp.isEmpty()) {
        return out;
      }
      return List.of(temp.split(",", -1));
    }
    while (!temp.isEmpty()) {
      if (temp.startsWith("{")) {
        int end = temp.indexOf('}');
        out.add(temp.substring(0, end + 1));
        temp = temp.substring(end + 1);
        if (temp.startsWith(",")) {
          temp = temp.substring(1);
        }
      } else if (temp.startsWith("\"")) {
        int end = temp.indexOf('"', 1);
        if (end < 0) {
          out.add(temp.substring(1));
          break;
        }
        out.add(temp.substring(1, end));
        temp = temp.substring(end + 1);
        if (temp.startsWith(",")) {
          temp = temp.substring(1);
        }
      } else {
        int end = temp.indexOf(',');
        if (end < 0) {
          out.add(temp.replace("\"", ""));
          break;
        }
        out.add(temp.substring(0, end).replace("\"", ""));
        temp = temp.substring(end + 1);
      }
    }
    return out;
  }

  /** A copy with an attribute's expression set. */
  public ParsedJdl with(String name, String expression) {
    Map<String, String> copy = new LinkedHashMap<>(expressions);
    copy.put(name, expression);
    return new ParsedJdl(copy);
  }

  public ParsedJdl without(String name) {
    Map<String, String> copy = new LinkedHashMap<>(expressions);
    copy.remove(name);
    return new ParsedJdl(copy);
  }
}
