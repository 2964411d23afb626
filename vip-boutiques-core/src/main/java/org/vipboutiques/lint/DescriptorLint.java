package org.vipboutiques.lint;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonLimits;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.validation.DescriptorValidator;
import org.vipboutiques.validation.ValidationReport;

/**
 * Lints descriptors for portability ({@link LintKind} lists what it looks for). A descriptor is
 * validated first; one that is not valid has no warnings, only its validation errors. Every
 * warning names the file, the JSON path and its line where the text is known, what is wrong and
 * how to fix it. Warnings never make a descriptor invalid: a caller decides (the command line's
 * {@code --strict}).
 *
 * <pre>{@code
 * LintReport r = DescriptorLint.lint(Path.of("tool.json"));
 * r.validation().errors().forEach(System.err::println);
 * r.warnings().forEach(System.err::println);
 * }</pre>
 */
public final class DescriptorLint {

  private DescriptorLint() {}

  /**
   * Reads (within {@link JsonLimits#DEFAULT}), validates and lints a descriptor file.
   *
   * @throws JsonInputException the file cannot be read or is not a JSON object
   */
  public static LintReport lint(Path file) throws JsonInputException {
    String source = file.toString();
    JsonParser parser = JsonParser.withDefaults();
    // Read through the parser first: it holds the file to its size limit before taking it whole.
    JsonObject json = JsonParser.requireObject(parser.parse(file), source);
    String text;
    try {
      text = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return lint(json, source, SourceLines.none());
    }
    return lint(json, source, SourceLines.of(text));
  }

  /**
   * Validates and lints a descriptor's text.
   *
   * @param source how warnings name it (a file name)
   * @throws JsonInputException the text is not a JSON object, or exceeds the default limits
   */
  public static LintReport lint(String text, String source) throws JsonInputException {
    JsonObject json = JsonParser.withDefaults().parseObject(text, source);
    return lint(json, source, SourceLines.of(text));
  }

  /** Validates and lints a parsed descriptor (no line numbers: the text is not known). */
  public static LintReport lint(JsonObject descriptor, String source) {
    return lint(descriptor, source, SourceLines.none());
  }

  private static LintReport lint(JsonObject descriptor, String source, SourceLines lines) {
    Objects.requireNonNull(descriptor, "descriptor");
    ValidationReport validation = DescriptorValidator.validate(descriptor, source);
    if (!validation.valid()) {
      return new LintReport(source, validation, List.of());
    }
    return new LintReport(source, validation, new Checks(descriptor, source, lines).run());
  }

  /** The checks of one descriptor, in document order of what they look at. */
  private static final class Checks {
    private final JsonObject d;
    private final String source;
    private final SourceLines lines;
    private final List<LintWarning> out = new ArrayList<>();

    Checks(JsonObject d, String source, SourceLines lines) {
      this.d = d;
      this.source = source;
      this.lines = lines;
    }

    List<LintWarning> run() {
      inputs();
      groups();
      outputs();
      container();
      gpu();
      if (d.array("tests").map(JsonArray::items).orElse(List.of()).isEmpty()) {
        warn(LintKind.NO_TESTS, "$", "the descriptor has no tests, so neither vip-boutiques test nor bosh test can"
            + " check the tool", "add \"tests\": [{\"name\", \"invocation\", \"assertions\": {\"exit-code\": 0,"
            + " \"output-files\": [...]}}]; for results that differ in the last bits (GPU), compare with a reference"
            + " file within a tolerance (\"vip:reference\", docs/gpu.md)");
      }
      return out;
    }

    private void warn(LintKind kind, String path, String message, String fix) {
      out.add(new LintWarning(kind, source, path, lines.line(path), message, fix));
    }

    private List<JsonObject> objects(String key) {
      List<JsonObject> list = new ArrayList<>();
      for (JsonValue v : d.array(key).map(JsonArray::items).orElse(List.of())) {
        list.add(v instanceof JsonObject o ? o : JsonObject.EMPTY);
      }
      return list;
    }

    private static String id(JsonObject o) {
      return o.string("id").orElse("?");
    }

    private void inputs() {
      List<JsonObject> inputs = objects("inputs");
      Map<String, List<String>> byKey = new LinkedHashMap<>();
      Map<String, Integer> firstIndex = new LinkedHashMap<>();
      List<String> groupIds = objects("groups").stream().map(Checks::id).toList();
      for (int i = 0; i < inputs.size(); i++) {
        JsonObject in = inputs.get(i);
        String at = SourceLines.item("$.inputs", i);
        String id = id(in);
        if (in.string("description").filter(s -> !s.isBlank()).isEmpty()) {
          warn(LintKind.INPUT_WITHOUT_DESCRIPTION, at, "input \"" + id + "\" has no description: users see only its"
              + " name in help texts and forms", "add \"description\": what the value is, its unit and default");
        }
        in.string("value-key").ifPresent(k -> {
          byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(id);
          firstIndex.putIfAbsent(k, firstIndex.size());
        });
        List<String> requiredGroups = in.array("requires-inputs").map(JsonArray::items).orElse(List.of()).stream()
            .filter(v -> v instanceof JsonString s && groupIds.contains(s.value()))
            .map(v -> ((JsonString) v).value()).toList();
        if (requiredGroups.size() > 1 && !"Flag".equals(in.string("type").orElse(""))) {
          warn(LintKind.REQUIRES_SEVERAL_GROUPS, SourceLines.member(at, "requires-inputs"), "input \"" + id
              + "\" requires the groups " + quoted(requiredGroups) + "; bosh checks only the last (\""
              + requiredGroups.get(requiredGroups.size() - 1) + "\"), vip-boutiques too, to agree with it",
              "require one group, or name the inputs the tool needs in \"requires-inputs\"");
        }
        if (in.number("max-list-entries").filter(n -> !n.truthy()).isPresent()) {
          warn(LintKind.ZERO_LIST_BOUND, SourceLines.member(at, "max-list-entries"), "input \"" + id
              + "\" has \"max-list-entries\": 0, which bosh reads as no maximum", "remove it, or give the real"
              + " maximum (at least 1)");
        }
        if (in.isTruthy("value-requires") || in.isTruthy("value-disables")) {
          String key = in.isTruthy("value-requires") ? "value-requires" : "value-disables";
          warn(LintKind.NOT_ENFORCED_BY_REFERENCE, SourceLines.member(at, key), "input \"" + id + "\" has \"" + key
              + "\", which bosh does not check in invocations (vip-boutiques does): bosh users can run choices"
              + " with inputs they exclude or without those they need", "have the tool check it too, or express it"
              + " with \"requires-inputs\"/\"disables-inputs\" on separate inputs, which bosh checks");
        }
        if (in.isTruthy("integer") && in.isTruthy("value-choices")) {
          warn(LintKind.NOT_ENFORCED_BY_REFERENCE, SourceLines.member(at, "integer"), "input \"" + id + "\" has"
              + " \"integer\" and \"value-choices\": bosh then accepts any integer, not only the choices",
              "remove \"integer\": whole-number choices already keep the value whole, and bosh then checks them");
        }
      }
      byKey.forEach((key, ids) -> {
        if (ids.size() > 1) {
          int i = 0;
          for (JsonObject in : inputs) {
            if (in.string("value-key").filter(key::equals).isPresent()) {
              break;
            }
            i++;
          }
          warn(LintKind.SHARED_VALUE_KEY, SourceLines.member(SourceLines.item("$.inputs", i), "value-key"), "inputs "
              + quoted(ids) + " share the value-key " + key + ": when \"" + ids.get(0) + "\" is absent, bosh removes "
              + key + " and drops the value of the input given (vip-boutiques keeps it)", "give each input its own"
              + " value-key and put each in the command line ([A] [B]); absent ones disappear");
        }
      });
    }

    private void groups() {
      List<JsonObject> groups = objects("groups");
      for (int i = 0; i < groups.size(); i++) {
        JsonObject g = groups.get(i);
        String at = SourceLines.item("$.groups", i);
        if (g.has("mutually-exclusive") && !g.isTruthy("mutually-exclusive")) {
          warn(LintKind.MUTUALLY_EXCLUSIVE_FALSE, SourceLines.member(at, "mutually-exclusive"), "group \"" + id(g)
              + "\" has \"mutually-exclusive\": " + g.members().get("mutually-exclusive").toJson() + ", yet bosh"
              + " (and vip-boutiques, to agree with it) makes its members exclude each other: the key's presence"
              + " is what counts", "remove the key if the members may be given together");
        }
        if (g.isTruthy("all-or-none")) {
          warn(LintKind.NOT_ENFORCED_BY_REFERENCE, SourceLines.member(at, "all-or-none"), "group \"" + id(g)
              + "\" is all-or-none, which bosh does not check in invocations (vip-boutiques does)", "have the tool"
              + " check it too, or make each member require the others (\"requires-inputs\"), which bosh checks");
        }
      }
    }

    /** A descriptor's text in a warning: a warning stays one readable line whatever the text's size. */
    private static String shown(String text) {
      int max = 200;
      return text.length() <= max ? text : text.substring(0, max) + "... (" + text.length() + " characters)";
    }

    private void outputs() {
      List<JsonObject> outputs = objects("output-files");
      for (int i = 0; i < outputs.size(); i++) {
        JsonObject o = outputs.get(i);
        String at = SourceLines.item("$.output-files", i);
        List<JsonValue> entries = o.array("conditional-path-template").map(JsonArray::items).orElse(List.of());
        boolean hasDefault = false;
        for (int j = 0; j < entries.size(); j++) {
          if (!(entries.get(j) instanceof JsonObject entry)) {
            continue;
          }
          String path = SourceLines.item(SourceLines.member(at, "conditional-path-template"), j);
          for (String condition : entry.keys()) {
            if (condition.equals("default")) {
              hasDefault = true;
              continue;
            }
            Quirk q = Quirk.of(condition);
            if (q.changed()) {
              warn(LintKind.CONDITION_OPERATOR, path, "output \"" + id(o) + "\": condition \"" + shown(condition)
                  + "\" is read by bosh as \"" + shown(q.read()) + "\": the character after a one-character operator is"
                  + " dropped (vip-boutiques reads it the same way, to agree with bosh)", "put a space after the"
                  + " operator: \"" + shown(q.fixed()) + "\"");
            }
          }
        }
        if (!entries.isEmpty() && !hasDefault) {
          warn(LintKind.CONDITIONAL_OUTPUT_WITHOUT_DEFAULT, SourceLines.member(at, "conditional-path-template"),
              "output \"" + id(o) + "\" has no \"default\": where no condition holds, bosh gives it the path of the"
              + " output before it" + (i == 0 ? " (it is the first: bosh crashes)" : "") + ", and vip-boutiques"
              + " does as bosh", "add {\"default\": \"PATH\"} as the last entry");
        }
      }
    }

    private void container() {
      d.object("container-image").ifPresent(c -> c.string("image").ifPresent(image -> {
        String name = image.replaceFirst("^[a-z]+://", "");
        if (name.startsWith("/") || name.startsWith(".") || name.endsWith(".sif") || name.endsWith(".simg")) {
          return; // a local image file: pinned by its content, not by a name
        }
        if (name.contains("@")) {
          return;
        }
        String last = name.substring(name.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        String at = SourceLines.member(SourceLines.member("$", "container-image"), "image");
        if (colon < 0) {
          warn(LintKind.IMAGE_NOT_PINNED, at, "container image \"" + image + "\" has no tag or digest: each pull"
              + " may bring another version of the tool (\"latest\")", "name a version tag (\"" + name
              + ":1.2.3\") or a digest (\"" + name + "@sha256:...\")");
        } else if (last.substring(colon + 1).equals("latest")) {
          warn(LintKind.IMAGE_NOT_PINNED, at, "container image \"" + image + "\" uses the tag \"latest\", which"
              + " moves: each pull may bring another version of the tool", "name a version tag or a digest (\""
              + name.substring(0, name.length() - "latest".length() - 1) + "@sha256:...\")");
        }
      }));
    }

    private void gpu() {
      JsonValue gpu = d.object("custom").map(c -> c.members().get(GpuRequirement.CUSTOM_KEY)).orElse(null);
      if (gpu == null || gpu instanceof JsonObject o && o.has("policy")) {
        return;
      }
      if (gpu.equals(org.vipboutiques.json.JsonBoolean.FALSE)) {
        return;
      }
      String at = SourceLines.member(SourceLines.member("$", "custom"), GpuRequirement.CUSTOM_KEY);
      List<String> cpu = new ArrayList<>();
      for (JsonObject in : objects("inputs")) {
        for (JsonValue v : in.array("value-choices").map(JsonArray::items).orElse(List.of())) {
          if (v instanceof JsonString s && s.value().toLowerCase(Locale.ROOT).equals("cpu")) {
            cpu.add(id(in));
          }
        }
      }
      if (cpu.isEmpty()) {
        warn(LintKind.GPU_POLICY_UNSET, at, "\"vip:gpu\" has no \"policy\" and the descriptor shows no CPU path"
            + " (no input offers \"cpu\"): it is read as required, so the tool is never run where there is no GPU,"
            + " and a reader cannot tell whether that is meant", "say \"policy\": \"required\" if the tool needs a"
            + " GPU, or \"preferred\" (and offer a CPU choice) if it also runs on the CPU");
      } else {
        warn(LintKind.GPU_POLICY_UNSET, at, "\"vip:gpu\" has no \"policy\", so it is read as required, yet input \""
            + cpu.get(0) + "\" offers \"cpu\": the tool is never run where there is no GPU, although it could be",
            "say \"policy\": \"preferred\" (or \"required\" if the CPU path is not meant for use)");
      }
    }

    private static String quoted(List<String> ids) {
      return "\"" + String.join("\", \"", ids) + "\"";
    }
  }

  /**
   * How the reference's {@code conditionalExpFormat} reads a condition: after {@code =}, {@code !},
   * {@code <} or {@code >} it writes {@code =} or a space and skips the next character, whatever it is.
   */
  record Quirk(boolean changed, String read, String fixed) {

    static Quirk of(String condition) {
      StringBuilder read = new StringBuilder();
      StringBuilder fixed = new StringBuilder();
      boolean changed = false;
      int i = 0;
      while (i < condition.length()) {
        char c = condition.charAt(i);
        if ("=!<>".indexOf(c) >= 0 && i + 1 < condition.length()) {
          char next = condition.charAt(i + 1);
          if (next == '=') {
            read.append(' ').append(c).append("= ");
            fixed.append(c).append('=');
          } else {
            read.append(' ').append(c).append(' ');
            if (fixed.length() > 0 && !Character.isWhitespace(fixed.charAt(fixed.length() - 1))
                && !Character.isWhitespace(next)) {
              fixed.append(' ');
            }
            fixed.append(c);
            if (!Character.isWhitespace(next)) {
              changed = true;
              fixed.append(' ').appendCodePoint(condition.codePointAt(i + 1));
            } else {
              fixed.append(next);
            }
          }
          i += 1 + Character.charCount(condition.codePointAt(i + 1));
          continue;
        }
        read.append(c);
        fixed.append(c);
        i++;
      }
      return new Quirk(changed, String.join(" ", read.toString().trim().split("\\s+")), fixed.toString());
    }
  }
}
