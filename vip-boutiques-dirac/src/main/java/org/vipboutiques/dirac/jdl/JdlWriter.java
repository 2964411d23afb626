package org.vipboutiques.dirac.jdl;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link Jdl} as text DIRAC reads back unchanged, and refuses what its ClassAd parser
 * breaks on: a {@code ;} ends a value even inside quotes, a {@code "} or a comma inside a list
 * item is refused, {@code [ ] { }} start nested expressions, list items lose their spaces, a
 * quoted scalar with a comma becomes a list. Complex command lines never go into a JDL: they
 * travel in the wrapper script of the input sandbox.
 */
public final class JdlWriter {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9_]+)?");
  /** Parametric placeholders DIRAC substitutes: %s, %n, %j, %(name)s. */
  private static final Pattern PLACEHOLDER = Pattern.compile("%(s|n|j|\\([A-Za-z0-9_]+\\)s)");
  private static final Set<String> INTEGER_ATTRIBUTES = Set.of("CPUTime", "Priority", "NumberOfProcessors",
      "MinNumberOfProcessors", "MaxNumberOfProcessors", "MaxRAM", "ParameterStart", "ParameterStep",
      "ParameterFactor");
  private static final Set<String> JOB_TYPES = Set.of("User", "Test", "Hospital");

  /** DiracX's MaxInputData. */
  public static final int MAX_INPUT_DATA = 100;
  /** The most jobs one parametric JDL, or one submission, may hold. */
  public static final int MAX_BULK = 20;

  private JdlWriter() {}

  /** The JDL text, one attribute a line, wrapped in {@code [ ]} as DIRAC's parser requires. */
  public static String write(Jdl jdl) throws JdlException {
    check(jdl);
    StringBuilder sb = new StringBuilder(64 + jdl.attributes().size() * 40).append("[\n");
    for (Map.Entry<String, JdlValue> e : jdl.attributes().entrySet()) {
      sb.append("  ").append(e.getKey()).append(" = ").append(e.getValue().toJdl()).append(";\n");
    }
    return sb.append("]\n").toString();
  }

  /** Checks every attribute; the first problem is thrown. */
  public static void check(Jdl jdl) throws JdlException {
    if (jdl.attributes().isEmpty()) {
      throw new JdlException("an empty JDL: DIRAC needs at least Executable");
    }
    for (Map.Entry<String, JdlValue> e : jdl.attributes().entrySet()) {
      String name = e.getKey();
      if (!NAME.matcher(name).matches()) {
        throw new JdlException("JDL attribute name \"" + name + "\" is not a ClassAd name: use letters and digits"
            + " (and one dot for named parameter sequences)");
      }
      JdlValue v = e.getValue();
      if (v instanceof JdlValue.Str s) {
        checkText(name, s.value(), false);
      } else if (v instanceof JdlValue.Strs l) {
        for (String item : l.items()) {
          checkText(name, item, true);
        }
      }
      checkAttribute(name, v);
    }
  }

  private static void checkText(String attribute, String value, boolean listItem) throws JdlException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String why = null;
      if (c == ';') {
        why = "';' ends a JDL value even inside quotes, silently dropping what follows";
      } else if (c == '"') {
        why = "DIRAC refuses a '\"' inside a value";
      } else if (c == ',') {
        why = listItem ? "DIRAC refuses a comma inside a list item" : "a quoted value with a comma becomes a list";
      } else if (c == '[' || c == ']' || c == '{' || c == '}') {
        why = "'" + c + "' starts or ends a nested expression for DIRAC's parser";
      } else if (c == '\\') {
        why = "a backslash is not an escape for DIRAC's parser";
      } else if (c < 0x20 || c == 0x7f) {
        why = "control characters and line breaks are removed by DIRAC's parser";
      } else if (c == ' ' && listItem) {
        why = "list items lose their spaces";
      } else if (c == '%' && !placeholderAt(value, i)) {
        why = "'%' is a parametric placeholder in DIRAC (%s, %n, %(name)s)";
      }
      if (why != null) {
        throw new JdlException("JDL attribute " + attribute + ": the value \"" + value + "\" cannot be written ("
            + why + "); complex values travel in the job's wrapper script, not in the JDL");
      }
    }
  }

  private static boolean placeholderAt(String value, int i) {
    var m = PLACEHOLDER.matcher(value);
    return m.find(i) && m.start() == i;
  }

  private static void checkAttribute(String name, JdlValue v) throws JdlException {
    if (INTEGER_ATTRIBUTES.contains(name) && !(v instanceof JdlValue.Int)) {
      throw new JdlException("JDL attribute " + name + " must be an integer, not " + v.toJdl());
    }
    switch (name) {
      case "CPUTime" -> range(name, v, 100, 500_000);
      case "Priority" -> range(name, v, 0, 10);
      case "NumberOfProcessors", "MinNumberOfProcessors", "MaxNumberOfProcessors" -> range(name, v, 1, 1024);
      case "MaxRAM" -> range(name, v, 1, 1_000_000);
      case "JobType" -> {
        if (!(v instanceof JdlValue.Str s) || !JOB_TYPES.contains(s.value())) {
          throw new JdlException("JDL attribute JobType must be User, Test or Hospital, not " + v.toJdl());
        }
      }
      case "InputData" -> {
        List<String> lfns = v instanceof JdlValue.Strs l ? l.items() : List.of(((JdlValue.Str) v).value());
        if (lfns.size() > MAX_INPUT_DATA) {
          throw new JdlException("a job lists " + lfns.size() + " InputData files; DiracX accepts at most "
              + MAX_INPUT_DATA + ": split the work into several jobs");
        }
        for (String lfn : lfns) {
          if (!lfn.startsWith("LFN:/") || lfn.contains("//")) {
            throw new JdlException("InputData entry \"" + lfn + "\" must be LFN:/<vo>/... without '//'");
          }
        }
      }
      case "Parameters" -> {
        if (v instanceof JdlValue.Strs l && l.items().size() > MAX_BULK) {
          throw new JdlException("a parametric JDL holds " + l.items().size() + " jobs; DIRAC accepts at most "
              + MAX_BULK + " per JDL: split it");
        }
        if (v instanceof JdlValue.Int i && (i.value() < 1 || i.value() > MAX_BULK)) {
          throw new JdlException("Parameters = " + i.value() + ": a parametric JDL holds 1 to " + MAX_BULK + " jobs");
        }
      }
      default -> { }
    }
  }

  private static void range(String name, JdlValue v, long min, long max) throws JdlException {
    long n = ((JdlValue.Int) v).value();
    if (n < min || n > max) {
      throw new JdlException("JDL attribute " + name + " = " + n + " is outside " + min + ".." + max);
    }
  }
}
