package org.vipboutiques.dirac.jdl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JDL text with the rules of DIRAC's ClassAd reader, faults included: a value ends at the
 * first {@code ;} even inside quotes, and the whole job must be wrapped in {@code [ ]} (text
 * without the wrapper is wrapped first, as DiracX does). Used for round trips, for checking what
 * DIRAC would read, and by the test grid.
 */
public final class JdlParser {

  private static final Pattern NAMED_SEQUENCE = Pattern.compile("%\\(([A-Za-z0-9_]+)\\)s");

  private JdlParser() {}

  public static ParsedJdl parse(String text) throws JdlException {
    String jdl = text.strip();
    if (!jdl.startsWith("[")) {
      jdl = "[" + jdl + "]";
    }
    if (!jdl.endsWith("]")) {
      throw new JdlException("a JDL must start with [ and end with ]");
    }
    String body = jdl.substring(1, jdl.length() - 1);
    Map<String, String> result = new LinkedHashMap<>();
    int index = 0;
    while (index < body.length()) {
      int eq = body.indexOf('=', index);
      if (eq < 0) {
        break;
      }
      String name = body.substring(index, eq).strip();
      index = eq + 1;
      int open = body.indexOf('[', index);
      int semi = body.indexOf(';', index);
      String value;
      int next;
      if (open != -1 && open < semi) {
        int close = matching(body, open);
        value = body.substring(open, close + 1);
        next = close + 1 < body.length() && body.charAt(close + 1) == ';' ? close + 2 : body.length();
      } else if (semi == -1) {
        value = body.substring(index);
        next = body.length();
      } else {
        if (index == semi) {
          throw new JdlException("JDL attribute " + name + " has an empty value");
        }
        value = body.substring(index, semi);
        next = semi + 1;
      }
      if (name.isEmpty()) {
        throw new JdlException("a JDL attribute without a name near \"" + value.strip() + "\"");
      }
      result.put(name, value.strip().replace("\n", ""));
      index = next;
    }
    if (result.isEmpty()) {
      throw new JdlException("no attribute could be read from the JDL");
    }
    return new ParsedJdl(result);
  }

  private static int matching(String body, int open) throws JdlException {
    int depth = 0;
    for (int i = open; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    throw new JdlException("an unclosed [ in the JDL");
  }

  /** The number of jobs a JDL stands for: 1, or the length of its parameter vectors. */
  public static int jobCount(ParsedJdl jdl) throws JdlException {
    Integer n = null;
    for (String attribute : jdl.expressions().keySet()) {
      if (!attribute.startsWith("Parameters")) {
        continue;
      }
      int count;
      if (jdl.isList(attribute)) {
        count = jdl.list(attribute).size();
      } else {
        count = jdl.integer(attribute).map(Long::intValue)
            .orElseThrow(() -> new JdlException("Inconsistent parametric job description: " + attribute));
      }
      if (n != null && n != count) {
        throw new JdlException("Different length of parameter vectors: for " + attribute + ", " + n + " != " + count);
      }
      n = count;
    }
    if (n != null && n <= 0) {
      throw new JdlException("Illegal number of job parameters " + n);
    }
    return n == null ? 1 : n;
  }

  /**
   * The jobs of a parametric JDL, as DIRAC expands them: {@code %n} becomes the zero-padded
   * index, {@code %s} the value of {@code Parameters}, {@code %(name)s} that of
   * {@code Parameters.name}; each job gets {@code Parameter} and {@code ParameterNumber}.
   * A plain JDL expands to itself.
   */
  public static List<ParsedJdl> expand(ParsedJdl jdl) throws JdlException {
    if (!jdl.has("Parameters")) {
      return List.of(jdl);
    }
    int n = jobCount(jdl);
    Map<String, List<String>> sequences = new LinkedHashMap<>();
    for (String attribute : jdl.expressions().keySet()) {
      if (!attribute.startsWith("Parameters")) {
        continue;
      }
      String seq = attribute.contains(".") ? attribute.substring(attribute.indexOf('.') + 1) : "0";
      if (jdl.isList(attribute)) {
        sequences.put(seq, jdl.list(attribute));
      } else {
        long start = jdl.integer(seq.equals("0") ? "ParameterStart" : "ParameterStart." + seq).orElse(1L);
        long step = jdl.integer(seq.equals("0") ? "ParameterStep" : "ParameterStep." + seq).orElse(0L);
        long factor = jdl.integer(seq.equals("0") ? "ParameterFactor" : "ParameterFactor." + seq).orElse(1L);
        List<String> values = new ArrayList<>();
        long v = start;
        for (int i = 0; i < n; i++) {
          values.add(Long.toString(v));
          v = v * factor + step;
        }
        sequences.put(seq, values);
      }
    }
    int width = Integer.toString(n - 1).length();
    List<ParsedJdl> jobs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String index = String.format("%0" + width + "d", i);
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : jdl.expressions().entrySet()) {
        String name = e.getKey();
        if (name.startsWith("Parameters") || name.startsWith("ParameterStart") || name.startsWith("ParameterStep")
            || name.startsWith("ParameterFactor")) {
          continue;
        }
        String expr = e.getValue().replace("%n", index);
        List<String> main = sequences.get("0");
        if (main != null) {
          expr = expr.replace("%s", main.get(i).strip());
        }
        Matcher m = NAMED_SEQUENCE.matcher(expr);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
          List<String> seq = sequences.get(m.group(1));
          m.appendReplacement(sb, Matcher.quoteReplacement(seq == null ? m.group() : seq.get(i).strip()));
        }
        m.appendTail(sb);
        out.put(name, sb.toString());
      }
      for (Map.Entry<String, List<String>> s : sequences.entrySet()) {
        out.put(s.getKey().equals("0") ? "Parameter" : "Parameter." + s.getKey(), '"' + s.getValue().get(i) + '"');
      }
      out.put("ParameterNumber", Integer.toString(i));
      jobs.add(new ParsedJdl(out));
    }
    return jobs;
  }
}
