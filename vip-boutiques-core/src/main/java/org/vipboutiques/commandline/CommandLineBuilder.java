package org.vipboutiques.commandline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vipboutiques.condition.BoundCondition;
import org.vipboutiques.condition.ConditionText;
import org.vipboutiques.condition.MalformedConditionException;
import org.vipboutiques.condition.PythonText;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.PythonView;

/**
 * Builds the command line, the output paths and the configuration files of an invocation, byte
 * for byte as the reference implementation ({@code bosh exec simulate}) does. The algorithm is
 * the reference's, step for step (keys replaced in descriptor order, every occurrence, with the
 * same quoting and number printing), because its quirks are part of the result users depend on.
 * Two deliberate differences (docs/conformance.md): an inserted value is never scanned for
 * value-keys again ({@link TemplateText}), where the reference replaces keys inside earlier
 * values, which lets one value bring another one onto the command line unquoted; and an absent
 * input does not remove a value-key that another input of its mutually-exclusive group fills.
 */
public final class CommandLineBuilder {

  private final Descriptor descriptor;
  private final String workingDirectory;
  private final List<Param> params = new ArrayList<>();

  /** One input or output, as the substitution loop sees it. */
  private record Param(String id, String type, String valueKey, String flag, String flagSeparator,
      String listSeparator, boolean output) {}

  /**
   * @param workingDirectory the directory {@code uses-absolute-path} outputs are resolved against
   */
  public CommandLineBuilder(Descriptor descriptor, String workingDirectory) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    List<JsonObject> all = new ArrayList<>(objects(descriptor.json(), "inputs"));
    int inputCount = all.size();
    all.addAll(objects(descriptor.json(), "output-files"));
    for (int i = 0; i < all.size(); i++) {
      String id = all.get(i).string("id").orElse("");
      // The reference looks every property up by id, first match in inputs then outputs.
      JsonObject first = all.stream().filter(o -> o.string("id").orElse("").equals(id)).findFirst().orElseThrow();
      params.add(new Param(id, first.string("type").orElse(null), first.string("value-key").orElse(null),
          first.string("command-line-flag").orElse(null), first.string("command-line-flag-separator").orElse(null),
          first.string("list-separator").orElse(null), i >= inputCount));
    }
  }

  /** The command line and output paths of a valid invocation. */
  public Simulation build(Invocation invocation) throws CommandLineException {
    Map<String, JsonValue> in = invocation.values();
    Map<String, TemplateText> out = new LinkedHashMap<>();
    outputFileNames(in, out);
    outputFileNames(in, out);
    Map<String, String> configFiles = configFiles(in, out);
    TemplateText commandLine = replaceKeys(TemplateText.of(descriptor.commandLine()), in, out, true, Unfound.REMOVE,
        List.of(), false, true);
    Map<String, String> outputFiles = new LinkedHashMap<>();
    out.forEach((id, path) -> outputFiles.put(id, path.toString()));
    return new Simulation(commandLine.toString(), outputFiles, configFiles);
  }

  private enum Unfound { REMOVE, KEEP, CLEAR }

  /** The reference's {@code _replaceKeysInTemplate}. */
  private TemplateText replaceKeys(TemplateText template, Map<String, JsonValue> in, Map<String, TemplateText> out,
      boolean useFlags,
      Unfound unfound, List<String> strippedExtensions, boolean isOutput, boolean escapeSpecialChars)
      throws CommandLineException {
    for (Param p : params) {
      boolean stringLike = "String".equals(p.type) || "File".equals(p.type);
      boolean escape = escapeSpecialChars && stringLike || out.containsKey(p.id);
      String clk = p.valueKey;
      if (clk == null) {
        continue;
      }
      boolean hasValue = out.containsKey(p.id) || in.containsKey(p.id);
      if (hasValue) {
        // Outputs override inputs of the same id, as in the reference's merged dictionary.
        Object val = out.containsKey(p.id) ? out.get(p.id).toString() : in.get(p.id);
        if (val instanceof JsonArray list) {
          String sep = p.listSeparator == null ? " " : p.listSeparator;
          List<String> items = new ArrayList<>(list.size());
          for (JsonValue x : list.items()) {
            items.add(escape ? ShellQuoting.quote(PythonView.str(x)) : PythonView.str(x));
          }
          val = String.join(sep, items);
        } else if (escape) {
          val = ShellQuoting.quote(quotable(val, p));
        }
        if (useFlags && p.flag != null) {
          String sep = p.flagSeparator == null ? " " : p.flagSeparator;
          if ("Flag".equals(p.type)) {
            val = isFalse(val) ? "" : p.flag;
          } else {
            val = p.flag + sep + text(val);
          }
        }
        if (stringLike) {
          if (!(val instanceof String) && !(val instanceof JsonString)
              && (!strippedExtensions.isEmpty() || "File".equals(p.type) && template.indexOfKey(clk) > 0 && isOutput)) {
            throw new CommandLineException("input \"" + p.id + "\" is a " + p.type + " but its value "
                + ((JsonValue) val).toJson() + " is not text, so its path cannot be derived; give a string");
          }
          String s = text(val);
          for (String extension : strippedExtensions) {
            s = s.replace(extension, "");
          }
          if ("File".equals(p.type) && template.indexOfKey(clk) > 0 && isOutput) {
            s = PosixPaths.basename(s);
          }
          val = s;
        }
        String replacement = text(val);
        if (!replacement.isEmpty()) {
          template = template.replaceKey(clk, replacement);
        } else {
          template = template.removeSpacedKey(clk);
        }
      } else if (givenElsewhere(p, in)) {
        // Inputs that share a value-key are members of one mutually-exclusive group: the absent
        // one must not take away the key the given one fills (the reference does: a value the
        // user gave vanished from the command line).
        continue;
      } else if (unfound == Unfound.REMOVE) {
        if (template.containsSpacedKey(clk)) {
          template = template.removeSpacedKey(clk);
        } else {
          template = template.replaceKey(clk, "");
        }
      } else if (unfound == Unfound.CLEAR) {
        if (template.containsKey(clk)) {
          return TemplateText.of("");
        }
      }
    }
    return template;
  }

  /** Whether another input with {@code p}'s value-key has a value. */
  private boolean givenElsewhere(Param p, Map<String, JsonValue> in) {
    if (p.output) {
      return false;
    }
    for (Param q : params) {
      if (q != p && !q.output && p.valueKey.equals(q.valueKey) && in.containsKey(q.id)) {
        return true;
      }
    }
    return false;
  }

  /** The text to quote; like the reference's {@code shlex.quote}, only text can be quoted. */
  private static String quotable(Object val, Param p) throws CommandLineException {
    if (val instanceof String s) {
      return s;
    }
    if (val instanceof JsonString s) {
      return s.value();
    }
    throw new CommandLineException("input \"" + p.id + "\" is a " + p.type + " but its value "
        + ((JsonValue) val).toJson() + " is not text; give it as a string");
  }

  private static boolean isFalse(Object val) {
    return val instanceof org.vipboutiques.json.JsonBoolean b && !b.value();
  }

  /** Python's {@code str()} of what the loop holds: text, or a JSON value. */
  private static String text(Object val) {
    if (val instanceof String s) {
      return s;
    }
    return PythonView.str((JsonValue) val);
  }

  /** The reference's {@code _generateOutputFileNames} (called twice, sharing {@code out}). */
  private void outputFileNames(Map<String, JsonValue> in, Map<String, TemplateText> out)
      throws CommandLineException {
    TemplateText outputFileName = null; // carried over between outputs, as in the reference
    for (JsonObject output : objects(descriptor.json(), "output-files")) {
      String id = output.string("id").orElse("");
      if (output.has("path-template")) {
        outputFileName = out.containsKey(id) ? out.get(id) : pathText(output.members().get("path-template"), id);
      } else {
        for (JsonValue entryValue : output.array("conditional-path-template").map(JsonArray::items).orElse(List.of())) {
          if (!(entryValue instanceof JsonObject entry) || entry.size() == 0) {
            throw new CommandLineException("output \"" + id + "\": an entry of its conditional-path-template is empty");
          }
          String key = entry.keys().iterator().next();
          BoundCondition condition = condition(key, in, out, id);
          if (condition.is("default")) {
            JsonValue path = entry.members().get("default");
            if (path == null) {
              throw new CommandLineException("output \"" + id + "\": condition \"" + key
                  + "\" reads as \"default\" but its key is not exactly \"default\"");
            }
            outputFileName = pathText(path, id);
            break;
          }
          boolean holds;
          try {
            holds = condition.isTrue();
          } catch (MalformedConditionException e) {
            throw new CommandLineException("output \"" + id + "\": condition \"" + key + "\" cannot be evaluated"
                + " with these inputs (as \"" + condition + "\"): " + e.getMessage());
          }
          if (holds) {
            outputFileName = pathText(entry.members().get(key), id);
            break;
          }
        }
        if (outputFileName == null) {
          throw new CommandLineException("output \"" + id + "\": no condition of its conditional-path-template holds"
              + " and it has no \"default\"; add a default path or make the conditions cover this invocation");
        }
      }
      List<String> stripped = strings(output, "path-template-stripped-extensions");
      outputFileName = replaceKeys(outputFileName, in, out, false, Unfound.KEEP, stripped, true, false);
      if (output.isTruthy("uses-absolute-path")) {
        outputFileName = outputFileName.abspath(workingDirectory);
      }
      out.put(id, outputFileName);
    }
  }

  private static TemplateText pathText(JsonValue path, String id) throws CommandLineException {
    if (path instanceof JsonString s) {
      return TemplateText.of(s.value());
    }
    throw new CommandLineException("output \"" + id + "\": its path template must be a string, not "
        + (path == null ? "missing" : path.toJson()));
  }

  /**
   * The reference's {@code _getCondPathTemplateExp}: the expression to evaluate, with the
   * values bound as data (the reference pastes them into the code; a deliberate deviation).
   */
  private BoundCondition condition(String key, Map<String, JsonValue> in, Map<String, TemplateText> out,
      String outputId) throws CommandLineException {
    BoundCondition condition = new BoundCondition();
    try {
      for (String raw : ConditionText.words(key)) {
        String word = PythonText.strip(raw);
        if (word.isEmpty()) {
          continue;
        }
        if (out.containsKey(word) || in.containsKey(word)) {
          condition.value(out.containsKey(word) ? out.get(word).toString() : PythonView.str(in.get(word)));
        } else if (isId(word)) {
          return new BoundCondition().word("False");
        } else {
          condition.word(word);
        }
      }
    } catch (MalformedConditionException e) {
      throw new CommandLineException("output \"" + outputId + "\": " + e.getMessage());
    }
    return condition;
  }

  private boolean isId(String word) {
    for (Param p : params) {
      if (p.id.equals(word)) {
        return true;
      }
    }
    return false;
  }

  /** The reference's {@code _writeConfigurationFiles}, returning the contents instead of writing. */
  private Map<String, String> configFiles(Map<String, JsonValue> in, Map<String, TemplateText> out)
      throws CommandLineException {
    Map<String, String> files = new LinkedHashMap<>();
    for (JsonObject output : objects(descriptor.json(), "output-files")) {
      if (!output.has("file-template")) {
        continue;
      }
      String id = output.string("id").orElse("");
      List<String> stripped = strings(output, "path-template-stripped-extensions");
      List<String> lines = new ArrayList<>();
      for (String line : strings(output, "file-template")) {
        lines.add(replaceKeys(TemplateText.of(line), in, out, false, Unfound.CLEAR, stripped, false, true).toString());
      }
      files.put(id, String.join("\n", lines));
    }
    return files;
  }

  private static List<JsonObject> objects(JsonObject parent, String key) {
    List<JsonObject> list = new ArrayList<>();
    parent.array(key).ifPresent(a -> a.items().forEach(v -> {
      if (v instanceof JsonObject o) {
        list.add(o);
      }
    }));
    return list;
  }

  private static List<String> strings(JsonObject o, String key) {
    List<String> list = new ArrayList<>();
    o.array(key).ifPresent(a -> a.items().forEach(v -> list.add(PythonView.str(v))));
    return list;
  }
}
