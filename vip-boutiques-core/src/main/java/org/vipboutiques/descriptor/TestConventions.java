package org.vipboutiques.descriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * Reads the project's {@code vip:} extensions of a descriptor's tests. The Boutiques schema lets
 * a test's {@code assertions} and its {@code output-files} entries carry extra keys, so a
 * descriptor using them still passes the reference validator; the reference ignores them, and so
 * does its {@code bosh test}. Keys under {@code vip:} that are unknown or malformed are errors,
 * so that a typo does not silently drop a check; other extra keys are left alone, as the
 * reference leaves them.
 *
 * <ul>
 *   <li>in {@code assertions}: {@code "vip:stdout-matches"}, {@code "vip:stdout-not-matches"},
 *       {@code "vip:stderr-matches"}, {@code "vip:stderr-not-matches"}: a regular expression or a
 *       list of them ({@link LogAssertion});
 *   <li>in an entry of {@code output-files}: {@code "vip:reference"}: {@code {"file", "format",
 *       "mask", "max-rmse", "max-nmse", "max-abs", "relative-tolerance", "absolute-tolerance"}}
 *       ({@link ReferenceComparison}).
 * </ul>
 */
public final class TestConventions {

  /** The longest pattern accepted: a pattern is a line of a descriptor, not a program. */
  static final int MAX_PATTERN_LENGTH = 4096;

  private static final List<String> REFERENCE_KEYS = List.of("file", "format", "mask", "max-rmse", "max-nmse",
      "max-abs", "relative-tolerance", "absolute-tolerance");

  private TestConventions() {}

  /**
   * Checks every test's {@code vip:} keys.
   *
   * @throws MalformedDescriptorException naming the test, the key and how to fix it
   */
  public static void check(JsonObject descriptor) throws MalformedDescriptorException {
    for (JsonValue t : descriptor.array("tests").map(JsonArray::items).orElse(List.of())) {
      if (!(t instanceof JsonObject test)) {
        continue;
      }
      String name = test.string("name").orElse("?");
      JsonObject assertions = test.object("assertions").orElse(JsonObject.EMPTY);
      logAssertions(assertions, name);
      for (JsonValue o : assertions.array("output-files").map(JsonArray::items).orElse(List.of())) {
        if (o instanceof JsonObject entry) {
          reference(entry, name);
        }
      }
    }
  }

  static List<LogAssertion> logAssertions(JsonObject assertions, String test) throws MalformedDescriptorException {
    List<String> known = new ArrayList<>();
    for (LogAssertion.Stream s : LogAssertion.Stream.values()) {
      known.add(LogAssertion.key(s, true));
      known.add(LogAssertion.key(s, false));
    }
    for (String key : assertions.keys()) {
      if (key.startsWith("vip:") && !known.contains(key)) {
        throw new MalformedDescriptorException(where(test, null) + "unknown assertion \"" + key + "\"; known are "
            + String.join(", ", known));
      }
    }
    List<LogAssertion> out = new ArrayList<>();
    for (LogAssertion.Stream s : LogAssertion.Stream.values()) {
      for (boolean expected : new boolean[] {true, false}) {
        String key = LogAssertion.key(s, expected);
        for (String p : patterns(assertions.members().get(key), test, key)) {
          out.add(new LogAssertion(s, compile(p, test, key), expected));
        }
      }
    }
    return out;
  }

  private static List<String> patterns(JsonValue v, String test, String key) throws MalformedDescriptorException {
    if (v == null) {
      return List.of();
    }
    if (v instanceof JsonString s) {
      return List.of(s.value());
    }
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray a && !a.items().isEmpty()) {
      for (JsonValue item : a.items()) {
        if (!(item instanceof JsonString s)) {
          out = null;
          break;
        }
        out.add(s.value());
      }
      if (out != null) {
        return out;
      }
    }
    throw new MalformedDescriptorException(where(test, null) + "\"" + key + "\" must be a regular expression or a"
        + " non-empty list of them, such as [\"RMSE [0-9.e-]+\"]; found " + v.typeName());
  }

  private static Pattern compile(String p, String test, String key) throws MalformedDescriptorException {
    if (p.length() > MAX_PATTERN_LENGTH) {
      throw new MalformedDescriptorException(where(test, null) + "a pattern of \"" + key + "\" is " + p.length()
          + " characters long, more than the " + MAX_PATTERN_LENGTH + " accepted");
    }
    try {
      return Pattern.compile(p, Pattern.MULTILINE);
    } catch (PatternSyntaxException e) {
      throw new MalformedDescriptorException(where(test, null) + "\"" + key + "\": \"" + p
          + "\" is not a regular expression: " + e.getDescription() + " near index " + e.getIndex());
    }
  }

  static Optional<ReferenceComparison> reference(JsonObject entry, String test) throws MalformedDescriptorException {
    String output = entry.string("id").orElse("?");
    for (String key : entry.keys()) {
      if (key.startsWith("vip:") && !key.equals(ReferenceComparison.KEY)) {
        throw new MalformedDescriptorException(where(test, output) + "unknown key \"" + key + "\"; the known one is \""
            + ReferenceComparison.KEY + "\"");
      }
    }
    JsonValue v = entry.members().get(ReferenceComparison.KEY);
    if (v == null) {
      return Optional.empty();
    }
    String at = where(test, output) + "\"" + ReferenceComparison.KEY + "\"";
    if (!(v instanceof JsonObject o)) {
      throw new MalformedDescriptorException(at + " must be an object such as {\"file\": \"ref.nii.gz\", \"max-rmse\":"
          + " 1e-4}; found " + v.typeName());
    }
    for (String key : o.keys()) {
      if (!REFERENCE_KEYS.contains(key)) {
        throw new MalformedDescriptorException(at + " has an unknown key \"" + key + "\"; known keys are "
            + String.join(", ", REFERENCE_KEYS));
      }
    }
    String file = o.string("file").filter(f -> !f.isEmpty()).orElseThrow(() -> new MalformedDescriptorException(
        at + " needs \"file\": the reference file, relative to the descriptor's folder"));
    insideTheFolder(file, at, "file");
    ComparisonFormat format;
    if (o.has("format")) {
      format = o.string("format").flatMap(ComparisonFormat::fromJson).orElseThrow(() ->
          new MalformedDescriptorException(at + ": \"format\" must be \"nifti\" or \"table\""));
    } else {
      format = ComparisonFormat.fromFileName(file).orElseThrow(() -> new MalformedDescriptorException(at
          + ": the format of \"" + file + "\" is not known from its name; add \"format\": \"nifti\" or \"table\""));
    }
    Optional<String> mask = Optional.empty();
    if (o.has("mask")) {
      mask = Optional.of(o.string("mask").filter(m -> !m.isEmpty()).orElseThrow(() ->
          new MalformedDescriptorException(at + ": \"mask\" must be the name of a NIfTI file")));
      insideTheFolder(mask.get(), at, "mask");
    }
    ReferenceComparison c = new ReferenceComparison(file, format, mask, bound(o, "max-rmse", at),
        bound(o, "max-nmse", at), bound(o, "max-abs", at), bound(o, "relative-tolerance", at),
        bound(o, "absolute-tolerance", at));
    boolean image = c.maxRmse().isPresent() || c.maxNmse().isPresent() || c.maxAbs().isPresent();
    boolean table = c.relativeTolerance().isPresent() || c.absoluteTolerance().isPresent();
    if (format == ComparisonFormat.NIFTI && (table || !image)) {
      throw new MalformedDescriptorException(at + ": a NIfTI comparison takes \"max-rmse\", \"max-nmse\" or \"max-abs\""
          + " (at least one), not \"relative-tolerance\" or \"absolute-tolerance\"");
    }
    if (format == ComparisonFormat.TABLE && (image || !table || mask.isPresent())) {
      throw new MalformedDescriptorException(at + ": a table comparison takes \"relative-tolerance\" or"
          + " \"absolute-tolerance\" (at least one), not image bounds or a mask");
    }
    return Optional.of(c);
  }

  /**
   * A reference or mask names a file under the descriptor's folder: never an absolute path nor a
   * {@code ..} step, so a descriptor from elsewhere cannot have a test read (and print cells of)
   * any file of the machine. Links are judged where the files are read.
   */
  private static void insideTheFolder(String name, String at, String key) throws MalformedDescriptorException {
    boolean absolute = name.startsWith("/") || name.startsWith("\\") || name.matches("(?s)[A-Za-z]:.*");
    boolean up = java.util.Arrays.asList(name.split("[/\\\\]")).contains("..");
    if (absolute || up || name.indexOf('\0') >= 0) {
      String shown = name.length() > 200 ? name.substring(0, 200) + "..." : name;
      throw new MalformedDescriptorException(at + ": \"" + key + "\" is \"" + shown.replaceAll("\\p{Cntrl}", "?")
          + "\", which " + (absolute ? "is absolute" : up ? "leaves the descriptor's folder by '..'" : "holds a NUL")
          + "; name a file under the descriptor's folder, relative to it");
    }
  }

  private static Optional<Double> bound(JsonObject o, String key, String at) throws MalformedDescriptorException {
    if (!o.has(key)) {
      return Optional.empty();
    }
    if (!(o.members().get(key) instanceof JsonNumber n) || !n.isFinite() || n.doubleValue() < 0) {
      throw new MalformedDescriptorException(at + ": \"" + key + "\" must be a number at least 0");
    }
    return Optional.of(n.doubleValue());
  }

  private static String where(String test, String output) {
    return "test \"" + test + "\"" + (output == null ? "" : ", output \"" + output + "\"") + ": ";
  }
}
