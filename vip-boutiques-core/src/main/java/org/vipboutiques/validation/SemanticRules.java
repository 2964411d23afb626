package org.vipboutiques.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vipboutiques.condition.ConditionText;
import org.vipboutiques.condition.ConditionTypeCheck;
import org.vipboutiques.condition.MalformedConditionException;
import org.vipboutiques.condition.PythonText;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNull;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.json.PythonView;

/**
 * The semantic rules of the reference validator ({@code bosh validate}), checked on a
 * descriptor that passed the schema. The order of checks and the messages follow the
 * reference; where the reference crashes, a clear error of our own takes the crash's place.
 */
final class SemanticRules {

  private static final Pattern INDEX_PREFIX = Pattern.compile("^[a-zA-Z0-9]+://");

  private final JsonObject descriptor;
  private final List<JsonObject> inputs;
  private final List<JsonObject> outputs;
  private final List<JsonObject> groups;
  private final List<String> inIds;
  private final List<String> outIds;
  private final List<String> grpIds;
  private final List<ValidationError> errors = new ArrayList<>();
  /** The reference looks inputs up by id, first match wins. */
  private final Map<String, JsonObject> firstInputById = new java.util.HashMap<>();

  private SemanticRules(JsonObject descriptor) {
    this.descriptor = descriptor;
    this.inputs = section("inputs");
    this.outputs = section("output-files");
    this.groups = section("groups");
    this.inIds = strings(get(inputs, "id"));
    this.outIds = strings(get(outputs, "id"));
    this.grpIds = descriptor.has("groups") ? strings(get(groups, "id")) : List.of();
    for (JsonObject input : inputs) {
      if (input.members().get("id") instanceof JsonString s) {
        firstInputById.putIfAbsent(s.value(), input);
      }
    }
  }

  static List<ValidationError> check(JsonObject descriptor) {
    SemanticRules rules = new SemanticRules(descriptor);
    rules.valueKeys();
    rules.uniqueIds();
    rules.sharedValueKeys();
    rules.pathTemplates();
    rules.conditionalOutputs();
    for (JsonObject input : rules.inputs) {
      rules.input(input);
    }
    rules.groups();
    rules.tests();
    rules.container();
    return List.copyOf(rules.errors);
  }

  // ---- helpers that read the descriptor as the reference does

  private List<JsonObject> section(String name) {
    JsonValue v = descriptor.members().get(name);
    if (v == null || !v.truthy() || !(v instanceof JsonArray a)) {
      return List.of();
    }
    List<JsonObject> out = new ArrayList<>();
    for (JsonValue item : a.items()) {
      if (item instanceof JsonObject o) {
        out.add(o);
      }
    }
    return out;
  }

  /** The reference's {@code safeGet}: the value of {@code key} in each item that has it. */
  private static List<JsonValue> get(List<JsonObject> items, String key) {
    List<JsonValue> out = new ArrayList<>();
    for (JsonObject item : items) {
      JsonValue v = item.members().get(key);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static List<String> strings(List<JsonValue> values) {
    List<String> out = new ArrayList<>(values.size());
    for (JsonValue v : values) {
      out.add(str(v));
    }
    return out;
  }

  private static String str(JsonValue v) {
    return PythonView.str(v);
  }

  private Optional<JsonObject> inputById(String id) {
    return Optional.ofNullable(firstInputById.get(id));
  }

  /** An input's {@code optional}; the reference defaults it to false. */
  private static boolean optional(JsonObject input) {
    return input.isTruthy("optional");
  }

  private boolean isOptionalInput(String id) {
    return inputById(id).map(SemanticRules::optional).orElse(false);
  }

  private void add(Rule rule, String message, String... ids) {
    errors.add(ValidationError.of(rule, message, ids));
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  // ---- rules 1 and 2: value-keys used, and none inside another

  private void valueKeys() {
    List<String> keys = allValueKeys();
    StringBuilder templates = new StringBuilder();
    List<String> parts = new ArrayList<>();
    for (JsonValue t : get(outputs, "file-template")) {
      if (t instanceof JsonArray lines) {
        for (JsonValue line : lines.items()) {
          parts.add(str(line));
        }
      }
    }
    for (JsonValue t : get(outputs, "path-template")) {
      parts.add(str(t));
    }
    templates.append(descriptor.string("command-line").orElse(""));
    templates.append(String.join(".", parts));
    JsonValue env = descriptor.members().get("environment-variables");
    if (env != null && env.truthy() && env instanceof JsonArray envs) {
      for (JsonValue e : envs.items()) {
        if (e instanceof JsonObject o) {
          templates.append("||").append(o.string("value").orElse(""));
        }
      }
    }
    String haystack = templates.toString();
    for (String key : keys) {
      if (!haystack.contains(key)) {
        add(Rule.VALUE_KEY_UNUSED, q(key) + " not in command-line or file template or environment variables", key);
      }
    }
    for (String key : keys) {
      for (String other : keys) {
        if (key.contains(other) && !key.equals(other)) {
          add(Rule.VALUE_KEY_CONTAINS_KEY, q(key) + " contains " + q(other), key, other);
        }
      }
    }
  }

  private List<String> allValueKeys() {
    List<String> keys = new ArrayList<>(strings(get(inputs, "value-key")));
    keys.addAll(strings(get(outputs, "value-key")));
    return keys;
  }

  // ---- rule 3: unique ids

  private void uniqueIds() {
    List<String> all = new ArrayList<>(inIds);
    all.addAll(outIds);
    all.addAll(grpIds);
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        if (all.get(i).equals(all.get(j))) {
          add(Rule.ID_NOT_UNIQUE, q(all.get(i)) + " is non-unique", all.get(i));
        }
      }
    }
  }

  // ---- rule 4: inputs sharing a value-key belong to a mutually-exclusive group

  private void sharedValueKeys() {
    List<String> keys = allValueKeys();
    Set<String> reported = new HashSet<>();
    Optional<String> withoutKey = inIds.stream()
        .filter(id -> inputById(id).map(in -> !in.has("value-key")).orElse(false))
        .findFirst();
    for (int i = 0; i < keys.size(); i++) {
      for (int j = i + 1; j < keys.size(); j++) {
        String key = keys.get(i);
        if (!keys.get(j).equals(key)) {
          continue;
        }
        if (!descriptor.has("groups") || descriptor.members().get("groups") instanceof JsonNull) {
          if (reported.add(key)) {
            add(Rule.SHARED_VALUE_KEY, q(key) + " is shared by several inputs or outputs and there"
                + " are no groups; inputs sharing a value-key must form a mutually-exclusive group", key);
          }
          continue;
        }
        if (withoutKey.isPresent()) {
          if (reported.add(key)) {
            add(Rule.SHARED_VALUE_KEY, q(key) + " is shared by several inputs or outputs, and input "
                + q(withoutKey.get()) + " has no value-key, so the inputs sharing it cannot be"
                + " matched to a mutually-exclusive group; give every input a value-key", key,
                withoutKey.get());
          }
          continue;
        }
        Set<String> members = new HashSet<>();
        for (String id : inIds) {
          JsonObject in = inputById(id).orElseThrow();
          if (str(in.members().get("value-key")).equals(key)) {
            members.add(str(in.members().get("id")));
          }
        }
        for (JsonObject group : groups) {
          Set<String> groupMembers = new HashSet<>(strings(group.array("members").map(JsonArray::items).orElse(List.of())));
          if (groupMembers.equals(members) && !group.isTruthy("mutually-exclusive")) {
            add(Rule.SHARED_VALUE_KEY, q(key) + " belongs to 2+ non exclusive IDs", key);
          }
        }
      }
    }
  }

  // ---- rule 5: distinct path-templates

  private void pathTemplates() {
    // The reference pairs the list of all output ids with the list of path-templates (zip),
    // which are shifted when conditional outputs come first; kept as it is.
    List<String> ids = outIds;
    List<String> templates = strings(get(outputs, "path-template"));
    int n = Math.min(ids.size(), templates.size());
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (templates.get(i).equals(templates.get(j)) && !ids.get(j).equals(ids.get(i))) {
          add(Rule.SAME_PATH_TEMPLATE, q(ids.get(i)) + " and " + q(ids.get(j)) + " have the same path-template",
              ids.get(i), ids.get(j));
        }
      }
    }
  }

  // ---- rules 6 to 9: conditional path templates

  private void conditionalOutputs() {
    if (!descriptor.has("output-files")) {
      return;
    }
    List<String> conditions = new ArrayList<>();
    String lastId = null;
    for (JsonObject out : outputs) {
      if (!out.has("conditional-path-template")) {
        continue;
      }
      String id = str(out.members().getOrDefault("id", JsonNull.INSTANCE));
      if (!out.has("optional")) {
        add(Rule.CONDITIONAL_OUTPUT_OPTIONAL_UNSET, q(id) + " has a conditional-path-template but no"
            + " \"optional\" key; say whether the output may be missing (\"optional\": true or false)", id);
        continue;
      }
      if (optional(out)) {
        continue;
      }
      lastId = id;
      List<String> keys = new ArrayList<>();
      boolean emptyEntry = false;
      for (JsonValue entry : out.array("conditional-path-template").map(JsonArray::items).orElse(List.of())) {
        if (entry instanceof JsonObject o && o.size() > 0) {
          keys.add(o.keys().iterator().next());
        } else {
          emptyEntry = true;
        }
      }
      if (emptyEntry) {
        add(Rule.CONDITIONAL_OUTPUT_EMPTY_ENTRY, q(id) + " has an empty entry in its conditional-path-template;"
            + " each entry is one {\"<condition>\": \"<path>\"} pair", id);
        continue;
      }
      conditions.addAll(keys);
      if (!keys.contains("default")) {
        add(Rule.CONDITIONAL_OUTPUT_NO_DEFAULT, q(id) + ". Non-optional output-file with conditional-path-template"
            + " must contain \"default\" path-template.", id);
      }
      if (keys.stream().filter("default"::equals).count() > 1) {
        add(Rule.CONDITIONAL_OUTPUT_DEFAULTS, q(id) + ". Only one \"default\" condition is permitted in a"
            + " conditional-path-template.", id);
      }
    }
    Set<String> outputIds = new HashSet<>(outIds);
    for (String condition : conditions) {
      List<String> words;
      try {
        words = ConditionText.words(condition);
      } catch (MalformedConditionException e) {
        add(Rule.CONDITION_INVALID, "Conditional output " + q(condition) + " cannot be read: " + e.getMessage(), lastId);
        continue;
      }
      if (words.isEmpty()) {
        add(Rule.CONDITION_INVALID, "Conditional output " + q(condition) + " has an empty condition", lastId);
        continue;
      }
      if (words.get(0).equals("default") && words.size() == 1) {
        continue;
      }
      for (String s : words) {
        if (!PythonText.isKeyword(s) && PythonText.isAlnum(s) && !PythonText.isDigit(s)
            && !inIds.contains(s) && !outputIds.contains(s)) {
          add(Rule.CONDITION_UNKNOWN_WORD, q(lastId) + " contains non-python keyword and non-ID string: " + q(s), lastId, s);
        }
      }
    }
    for (String condition : conditions) {
      List<String> words;
      try {
        words = new ArrayList<>(ConditionText.words(condition));
      } catch (MalformedConditionException e) {
        continue;
      }
      if (words.isEmpty() || words.get(0).equals("default") && words.size() == 1) {
        continue;
      }
      for (int i = 0; i < words.size(); i++) {
        String s = words.get(i);
        if (!PythonText.isKeyword(s) && PythonText.isAlnum(s) && !PythonText.isDigit(s) && inIds.contains(s)) {
          words.set(i, inputById(s).flatMap(in -> in.string("type")).orElse(""));
        }
      }
      boolean valid;
      try {
        valid = ConditionTypeCheck.isValid(String.join(" ", words));
      } catch (MalformedConditionException e) {
        add(Rule.CONDITION_INVALID, "Conditional output " + q(condition) + " cannot be read: " + e.getMessage(), lastId);
        continue;
      }
      if (!valid) {
        add(Rule.CONDITION_INVALID, "Conditional output " + q(condition) + " contains invalid conditional"
            + " expression. Verify arguments' type and allowed keywords in expression.", lastId);
      }
    }
  }

  // ---- rules 10 to 24: inputs

  private void input(JsonObject in) {
    String id = str(in.members().getOrDefault("id", JsonNull.INSTANCE));
    String type = in.string("type").orElse("");
    Map<String, JsonValue> m = in.members();
    boolean optional = optional(in);
    if (type.equals("Flag")) {
      if (!in.has("command-line-flag")) {
        add(Rule.FLAG_WITHOUT_COMMAND_LINE_FLAG, q(id) + " must have a command-line flag", id);
      }
      if (!optional) {
        add(Rule.FLAG_NOT_OPTIONAL, q(id) + " is of type Flag, it has to be optional", id);
      }
    } else if (type.equals("Number")) {
      Optional<JsonNumber> min = in.number("minimum");
      Optional<JsonNumber> max = in.number("maximum");
      if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
        add(Rule.NUMBER_MIN_ABOVE_MAX, q(id) + " cannot have greater min (" + min.get().pythonString()
            + ") than max (" + max.get().pythonString() + ")", id);
      }
    } else if (in.has("value-choices")) {
      List<JsonValue> choices = in.array("value-choices").map(JsonArray::items).orElse(List.of());
      if (choices.isEmpty()) {
        add(Rule.CHOICES_EMPTY, q(id) + " must have at least one value choice", id);
      }
      JsonValue def = m.get("default-value");
      if (def != null) {
        if (def instanceof JsonArray list) {
          for (JsonValue dv : list.items()) {
            if (!PythonView.pyIn(dv, choices)) {
              add(Rule.DEFAULT_NOT_A_CHOICE, q(id) + " cannot have default value outside its choices", id);
            }
          }
        } else if (!PythonView.pyIn(def, choices)) {
          add(Rule.DEFAULT_NOT_A_CHOICE, q(id) + " cannot have default value outside its choices", id);
        }
      }
    }
    if (in.has("list")) {
      listBounds(in, id);
    }
    List<JsonValue> requires = in.array("requires-inputs").map(JsonArray::items).orElse(List.of());
    List<JsonValue> disables = in.array("disables-inputs").map(JsonArray::items).orElse(List.of());
    for (JsonValue r : requires) {
      if (!inIds.contains(str(r)) && !grpIds.contains(str(r)) || !(r instanceof JsonString)) {
        add(Rule.REQUIRED_ID_UNKNOWN, q(id) + " required id " + q(str(r)) + " not found", id, str(r));
      }
    }
    for (JsonValue d : disables) {
      if (!inIds.contains(str(d)) || !(d instanceof JsonString)) {
        add(Rule.DISABLED_ID_UNKNOWN, q(id) + " disables id " + q(str(d)) + " not found", id, str(d));
      }
    }
    for (JsonValue r : requires) {
      for (JsonValue d : disables) {
        if (PythonView.pyEquals(r, d)) {
          add(Rule.REQUIRES_AND_DISABLES, q(id) + " requires and disables " + q(str(r)), id, str(r));
        }
      }
    }
    for (JsonValue d : disables) {
      if (d instanceof JsonString ds && inIds.contains(ds.value()) && !isOptionalInput(ds.value())) {
        add(Rule.DISABLES_REQUIRED_INPUT, q(id) + " disables required id " + q(ds.value()), id, ds.value());
      }
    }
    if ((in.has("requires-inputs") || in.has("disables-inputs")) && !optional) {
      add(Rule.REQUIRED_INPUT_WITH_DEPENDENCIES, q(id) + " cannot require or disable other inputs", id);
    }
    if ((in.has("value-disables") || in.has("value-requires")) && !in.has("value-choices")) {
      add(Rule.VALUE_OPTIONS_WITHOUT_CHOICES, q(id) + " cannot have have value-opts without value-choices defined.", id);
    }
    if (in.has("value-choices")) {
      valueOptions(in, id);
    }
  }

  private void listBounds(JsonObject in, String id) {
    JsonValue minValue = in.members().get("min-list-entries");
    JsonValue maxValue = in.members().get("max-list-entries");
    // The reference reads "x or default": a zero bound counts as absent.
    Optional<JsonNumber> min = minValue instanceof JsonNumber n && n.truthy() ? Optional.of(n) : Optional.empty();
    Optional<JsonNumber> max = maxValue instanceof JsonNumber n && n.truthy() ? Optional.of(n) : Optional.empty();
    String minText = min.map(JsonNumber::pythonString).orElse("0");
    String maxText = max.map(JsonNumber::pythonString).orElse("inf");
    JsonNumber effectiveMin = min.orElse(JsonNumber.of(0));
    if (max.isPresent() && effectiveMin.compareTo(max.get()) > 0) {
      add(Rule.LIST_MIN_ABOVE_MAX, q(id) + " cannot have greater min entries (" + minText + ") than max entries ("
          + maxText + ")", id);
    }
    if (min.isPresent() && min.get().compareTo(JsonNumber.of(0)) < 0) {
      add(Rule.LIST_MIN_NEGATIVE, q(id) + " cannot have negative min entries (" + minText + ")", id);
    }
    if (max.isPresent() && max.get().compareTo(JsonNumber.of(0)) <= 0) {
      add(Rule.LIST_MAX_NOT_POSITIVE, q(id) + " cannot have non-positive max entries (" + maxText + ")", id);
    }
  }

  private void valueOptions(JsonObject in, String id) {
    List<JsonValue> choices = in.array("value-choices").map(JsonArray::items).orElse(List.of());
    Optional<JsonObject> valueRequires = in.object("value-requires");
    Optional<JsonObject> valueDisables = in.object("value-disables");
    if (valueRequires.isPresent() && valueDisables.isPresent()) {
      for (JsonValue choice : choices) {
        String key = choice instanceof JsonString s ? s.value() : null;
        if (key == null || !valueDisables.get().has(key) || !valueRequires.get().has(key)) {
          // Reported below: the keys are not the choices.
          continue;
        }
        List<JsonValue> disabled;
        try {
          disabled = iterate(valueDisables.get().members().get(key));
        } catch (NotIterable e) {
          add(Rule.VALUE_OPTIONS_MALFORMED, q(id) + " value-disables entry for " + q(key)
              + " must be a list of input ids, not " + e.type, id);
          continue;
        }
        JsonValue required = valueRequires.get().members().get(key);
        for (JsonValue d : disabled) {
          Boolean contained = contains(required, d);
          if (contained == null) {
            add(Rule.VALUE_OPTIONS_MALFORMED, q(id) + " value-requires entry for " + q(key)
                + " must be a list of input ids, not " + required.typeName(), id);
            break;
          }
          if (contained) {
            add(Rule.CHOICE_REQUIRES_AND_DISABLES, q(id) + " choice " + q(key) + " requires and disables " + q(str(d)),
                id, str(d));
          }
        }
      }
    }
    for (String param : List.of("value-requires", "value-disables")) {
      Optional<JsonObject> map = in.object(param);
      if (map.isEmpty()) {
        if (in.has(param)) {
          add(Rule.VALUE_OPTIONS_MALFORMED, q(id) + " " + param + " must be an object mapping each choice to input ids", id);
        }
        continue;
      }
      Set<String> keys = new LinkedHashSet<>(map.get().keys());
      if (!sameSet(keys, choices)) {
        add(Rule.VALUE_OPTIONS_NOT_CHOICES, q(id) + " " + param + " list is not the same as the value-choices", id);
      }
      boolean malformed = false;
      for (Map.Entry<String, JsonValue> e : map.get().members().entrySet()) {
        try {
          for (JsonValue item : iterate(e.getValue())) {
            if (!(item instanceof JsonString s) || !inIds.contains(s.value())) {
              add(Rule.VALUE_OPTIONS_ID_UNKNOWN, q(id) + " " + param + " id " + q(str(item)) + " not found", id, str(item));
            }
          }
        } catch (NotIterable ex) {
          add(Rule.VALUE_OPTIONS_MALFORMED, q(id) + " " + param + " entry for " + q(e.getKey())
              + " must be a list of input ids, not " + ex.type, id);
          malformed = true;
        }
      }
      if (malformed) {
        continue;
      }
      for (Map.Entry<String, JsonValue> e : map.get().members().entrySet()) {
        for (JsonValue member : iterateQuietly(e.getValue())) {
          boolean optionalMember = member instanceof JsonString s && isOptionalInput(s.value());
          if (!optionalMember) {
            add(Rule.VALUE_OPTIONS_REQUIRED_INPUT, q(id) + " " + param + " cannot be used with required input "
                + q(str(member)), id, str(member));
          }
        }
      }
    }
  }

  /** Python's set equality between the keys (strings) and the choices (strings or numbers). */
  private static boolean sameSet(Set<String> keys, List<JsonValue> choices) {
    Set<String> choiceStrings = new HashSet<>();
    for (JsonValue c : choices) {
      if (!(c instanceof JsonString s)) {
        return false;
      }
      choiceStrings.add(s.value());
    }
    return keys.equals(choiceStrings);
  }

  private static final class NotIterable extends Exception {
    private static final long serialVersionUID = 1L;
    final String type;

    NotIterable(String type) {
      super(type, null, false, false);
      this.type = type;
    }
  }

  /** Python's iteration: lists give items, strings characters, objects keys. */
  private static List<JsonValue> iterate(JsonValue v) throws NotIterable {
    if (v instanceof JsonArray a) {
      return a.items();
    }
    if (v instanceof JsonString s) {
      List<JsonValue> chars = new ArrayList<>();
      s.value().codePoints().forEach(cp -> chars.add(new JsonString(new String(Character.toChars(cp)))));
      return chars;
    }
    if (v instanceof JsonObject o) {
      List<JsonValue> keys = new ArrayList<>();
      for (String k : o.keys()) {
        keys.add(new JsonString(k));
      }
      return keys;
    }
    throw new NotIterable(v == null ? "null" : v.typeName());
  }

  private static List<JsonValue> iterateQuietly(JsonValue v) {
    try {
      return iterate(v);
    } catch (NotIterable e) {
      return List.of();
    }
  }

  /** Python's {@code item in container}; null where Python raises. */
  private static Boolean contains(JsonValue container, JsonValue item) {
    if (container instanceof JsonArray a) {
      return PythonView.pyIn(item, a.items());
    }
    if (container instanceof JsonString s) {
      return item instanceof JsonString i ? s.value().contains(i.value()) : null;
    }
    if (container instanceof JsonObject o) {
      if (item instanceof JsonArray || item instanceof JsonObject) {
        return null;
      }
      return item instanceof JsonString i && o.has(i.value());
    }
    return null;
  }

  // ---- rules 25 to 28: groups

  private void groups() {
    for (int idx = 0; idx < grpIds.size() && idx < groups.size(); idx++) {
      JsonObject group = groups.get(idx);
      String gid = grpIds.get(idx);
      List<String> members = strings(group.array("members").map(JsonArray::items).orElse(List.of()));
      Set<String> distinct = new LinkedHashSet<>(members);
      for (String member : members) {
        if (!inIds.contains(member)) {
          add(Rule.GROUP_MEMBER_UNKNOWN, q(gid) + " member " + q(member) + " does not exist", gid, member);
        }
      }
      for (String member : distinct) {
        if (members.stream().filter(member::equals).count() > 1) {
          add(Rule.GROUP_MEMBER_TWICE, q(gid) + " member " + q(member) + " appears twice", gid, member);
        }
      }
      if (group.isTruthy("mutually-exclusive")) {
        for (String member : distinct) {
          if (inIds.contains(member) && !isOptionalInput(member)) {
            add(Rule.MUTEX_REQUIRED_MEMBER, q(gid) + " is mutually-exclusive and cannot have required members, such as "
                + q(member), gid, member);
          }
        }
        for (String member : distinct) {
          for (JsonValue req : inputById(member).flatMap(in -> in.array("requires-inputs"))
              .map(JsonArray::items).orElse(List.of())) {
            if (distinct.contains(str(req)) && req instanceof JsonString) {
              add(Rule.MUTEX_MEMBERS_REQUIRE, q(gid) + " is mutually-exclusive and cannot have members require one"
                  + " another, such as " + q(member) + " and " + q(str(req)), gid, member, str(req));
            }
          }
        }
        for (int jdx = 0; jdx < groups.size(); jdx++) {
          JsonObject other = groups.get(jdx);
          if (!other.isTruthy("all-or-none") || jdx == idx) {
            continue;
          }
          List<String> otherMembers = strings(other.array("members").map(JsonArray::items).orElse(List.of()));
          String otherId = other.string("id").orElse("");
          for (String m1 : members) {
            for (String m2 : members) {
              if (!m1.equals(m2) && otherMembers.contains(m1) && otherMembers.contains(m2)) {
                add(Rule.MUTEX_ALL_OR_NONE_PAIR, "mutually-exclusive group " + q(gid) + " and all-or-none group "
                    + q(otherId) + " cannot both contain input pairs " + q(m1) + " and " + q(m2), gid, otherId, m1, m2);
              }
            }
          }
        }
      }
      if (group.isTruthy("one-is-required")) {
        for (String member : distinct) {
          if (inIds.contains(member) && !isOptionalInput(member)) {
            add(Rule.ONE_REQUIRED_REQUIRED_MEMBER, q(gid) + " is a one-is-required group and contains a required member, "
                + q(member), gid, member);
          }
        }
        for (int jdx = 0; jdx < groups.size(); jdx++) {
          JsonObject other = groups.get(jdx);
          if (!other.isTruthy("all-or-none") || jdx == idx) {
            continue;
          }
          Collection<String> otherMembers = new HashSet<>(strings(other.array("members").map(JsonArray::items).orElse(List.of())));
          if (otherMembers.containsAll(distinct)) {
            String otherId = other.string("id").orElse("");
            add(Rule.ONE_REQUIRED_IN_ALL_OR_NONE, q(gid) + " is one-is-required and cannot be a subset of the all-or-none group "
                + q(otherId), gid, otherId);
          }
        }
      }
      if (group.isTruthy("all-or-none")) {
        if (group.isTruthy("one-is-required") || group.isTruthy("mutually-exclusive")) {
          add(Rule.ALL_OR_NONE_COMBINED, q(gid) + " is an all-or-none group and cannot be paired with one-is-required"
              + " or mutually-exclusive groups", gid);
        }
        for (String member : distinct) {
          if (inIds.contains(member) && !isOptionalInput(member)) {
            add(Rule.ALL_OR_NONE_REQUIRED_MEMBER, q(gid) + " is an all-or-none group and contains a required member, "
                + q(member), gid, member);
          }
        }
      }
    }
  }

  // ---- rule 29: tests

  private void tests() {
    if (!descriptor.has("tests")) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (JsonValue t : descriptor.array("tests").map(JsonArray::items).orElse(List.of())) {
      if (!(t instanceof JsonObject test)) {
        continue;
      }
      String name = str(test.members().getOrDefault("name", JsonNull.INSTANCE));
      names.add(name);
      Optional<JsonObject> assertions = test.object("assertions");
      if (assertions.isEmpty() || !assertions.get().has("output-files")) {
        continue;
      }
      List<JsonObject> outs = new ArrayList<>();
      JsonValue raw = assertions.get().members().get("output-files");
      if (raw.truthy() && raw instanceof JsonArray a) {
        for (JsonValue item : a.items()) {
          if (item instanceof JsonObject o) {
            outs.add(o);
          }
        }
      }
      List<String> ids = strings(get(outs, "id"));
      for (String id : ids) {
        if (!outIds.contains(id)) {
          add(Rule.TEST_OUTPUT_UNKNOWN, q(id) + " output id not found, in test " + q(name), id, name);
        }
      }
      for (String id : new LinkedHashSet<>(ids)) {
        if (ids.stream().filter(id::equals).count() > 1) {
          add(Rule.TEST_OUTPUT_TWICE, q(id) + " output id cannot appear more than once within same test, in test "
              + q(name), id, name);
        }
      }
    }
    for (String name : new LinkedHashSet<>(names)) {
      if (names.stream().filter(name::equals).count() > 1) {
        add(Rule.TEST_NAME_NOT_UNIQUE, q(name) + " test name is non-unique", name);
      }
    }
  }

  // ---- rule 30: container image index

  private void container() {
    Optional<JsonObject> container = descriptor.object("container-image");
    if (container.isEmpty()) {
      return;
    }
    Optional<String> image = container.get().string("image");
    if (image.isEmpty()) {
      String type = container.get().string("type").orElse("?");
      add(Rule.CONTAINER_WITHOUT_IMAGE, "container-image of type " + q(type) + " has no \"image\"; "
          + "vip-boutiques runs docker and singularity images only: describe the tool with one of those");
      return;
    }
    Optional<String> index = container.get().string("index");
    Matcher m = INDEX_PREFIX.matcher(image.get());
    if (index.isPresent() && m.find() && !index.get().equals(m.group())) {
      add(Rule.CONTAINER_INDEX_MISMATCH, "container image " + q(image.get()) + " is prepended by index that doesn't"
          + " match container index value " + q(index.get()));
    }
  }
}
