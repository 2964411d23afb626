package org.vipboutiques.descriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/** Builds the typed view of a descriptor's JSON. */
final class DescriptorReader {

  private DescriptorReader() {}

  static Descriptor read(JsonObject json) throws MalformedDescriptorException {
    List<Input> inputs = new ArrayList<>();
    for (JsonObject o : objects(json, "inputs")) {
      inputs.add(input(o));
    }
    List<OutputFile> outputs = new ArrayList<>();
    for (JsonObject o : objects(json, "output-files")) {
      outputs.add(output(o));
    }
    List<Group> groups = new ArrayList<>();
    for (JsonObject o : objects(json, "groups")) {
      groups.add(new Group(requiredString(o, "id", "group"), requiredString(o, "name", "group"),
          o.string("description"), strings(o, "members"), o.isTruthy("mutually-exclusive"),
          o.isTruthy("one-is-required"), o.isTruthy("all-or-none"), o));
    }
    Optional<ContainerImage> container = json.object("container-image").map(DescriptorReader::container);
    List<EnvironmentVariable> env = new ArrayList<>();
    for (JsonObject o : objects(json, "environment-variables")) {
      env.add(new EnvironmentVariable(requiredString(o, "name", "environment variable"),
          requiredString(o, "value", "environment variable"), o.string("description")));
    }
    List<ErrorCode> codes = new ArrayList<>();
    for (JsonObject o : objects(json, "error-codes")) {
      codes.add(new ErrorCode(o.number("code").filter(JsonNumber::isIntegral)
          .map(n -> n.bigIntegerValue().longValue())
          .orElseThrow(() -> new MalformedDescriptorException("error-codes: \"code\" must be an integer")),
          o.string("description").orElse("")));
    }
    List<DescriptorTest> tests = new ArrayList<>();
    for (JsonObject o : objects(json, "tests")) {
      JsonObject assertions = o.object("assertions").orElse(JsonObject.EMPTY);
      List<OutputAssertion> outs = new ArrayList<>();
      for (JsonObject a : objects(assertions, "output-files")) {
        outs.add(new OutputAssertion(requiredString(a, "id", "test output"), a.string("md5-reference"),
            TestConventions.reference(a, o.string("name").orElse("?"))));
      }
      String name = requiredString(o, "name", "test");
      tests.add(new DescriptorTest(name, o.object("invocation").orElse(JsonObject.EMPTY),
          assertions.number("exit-code").filter(JsonNumber::isIntegral).map(n -> n.bigIntegerValue().longValue()),
          outs, TestConventions.logAssertions(assertions, name)));
    }
    Optional<SuggestedResources> resources = json.object("suggested-resources").map(r -> new SuggestedResources(
        r.number("cpu-cores").filter(JsonNumber::isIntegral).map(n -> clampInt(n)),
        r.number("ram").map(JsonNumber::doubleValue),
        r.number("disk-space").map(JsonNumber::doubleValue),
        r.number("nodes").filter(JsonNumber::isIntegral).map(n -> clampInt(n)),
        r.number("walltime-estimate").map(JsonNumber::doubleValue),
        r));
    Optional<GpuRequirement> gpu;
    try {
      gpu = GpuRequirements.read(json.object("custom").orElse(JsonObject.EMPTY), container);
    } catch (MalformedGpuRequirementException e) {
      throw new MalformedDescriptorException(e.getMessage());
    }
    return new Descriptor(json, json.string("name").orElse(""), json.string("description").orElse(""),
        json.string("tool-version").orElse(""), json.string("schema-version").orElse(""),
        json.string("command-line").orElse(""), inputs, outputs, groups, container, env, codes, tests, resources, gpu);
  }

  private static int clampInt(JsonNumber n) {
    var v = n.bigIntegerValue();
    return v.bitLength() < 31 ? v.intValue() : Integer.MAX_VALUE;
  }

  private static Input input(JsonObject o) throws MalformedDescriptorException {
    String id = requiredString(o, "id", "input");
    String typeName = requiredString(o, "type", "input \"" + id + "\"");
    InputType type = InputType.fromJson(typeName)
        .orElseThrow(() -> new MalformedDescriptorException("input \"" + id + "\": unknown type \"" + typeName + "\""));
    return new Input(id, o.string("name").orElse(id), type, o.string("description"), o.string("value-key"),
        o.isTruthy("list"), o.string("list-separator"), o.isTruthy("optional"), o.string("command-line-flag"),
        o.string("command-line-flag-separator"), o.get("default-value"),
        o.array("value-choices").map(JsonArray::items).orElse(List.of()),
        idMap(o, "value-requires"), idMap(o, "value-disables"), strings(o, "requires-inputs"),
        strings(o, "disables-inputs"), o.isTruthy("integer"), o.number("minimum"), o.number("maximum"),
        o.isTruthy("exclusive-minimum"), o.isTruthy("exclusive-maximum"), o.number("min-list-entries"),
        o.number("max-list-entries"), o.isTruthy("uses-absolute-path"), o);
  }

  private static OutputFile output(JsonObject o) throws MalformedDescriptorException {
    String id = requiredString(o, "id", "output");
    List<ConditionalPath> conditional = new ArrayList<>();
    for (JsonValue v : o.array("conditional-path-template").map(JsonArray::items).orElse(List.of())) {
      if (v instanceof JsonObject entry && entry.size() > 0) {
        String condition = entry.keys().iterator().next();
        JsonValue path = entry.members().get(condition);
        if (!(path instanceof JsonString p)) {
          throw new MalformedDescriptorException("output \"" + id + "\": the path of condition \"" + condition
              + "\" must be a string");
        }
        conditional.add(new ConditionalPath(condition, p.value()));
      }
    }
    Optional<List<String>> fileTemplate = o.has("file-template") ? Optional.of(strings(o, "file-template"))
        : Optional.empty();
    return new OutputFile(id, o.string("name").orElse(id), o.string("description"), o.string("value-key"),
        o.string("path-template"), conditional, strings(o, "path-template-stripped-extensions"), o.isTruthy("list"),
        o.isTruthy("optional"), o.string("command-line-flag"), o.string("command-line-flag-separator"),
        o.isTruthy("uses-absolute-path"), fileTemplate, o);
  }

  static ContainerImage container(JsonObject o) {
    ContainerType type = o.string("type").flatMap(ContainerType::fromJson).orElse(ContainerType.DOCKER);
    List<String> opts = new ArrayList<>();
    for (JsonValue v : o.array("container-opts").map(JsonArray::items).orElse(List.of())) {
      if (v instanceof JsonString s) {
        opts.add(s.value());
      }
    }
    return new ContainerImage(type, o.string("image"), o.string("index"), o.bool("entrypoint"), opts,
        o.string("working-directory"), o.string("container-hash"), o.string("url"));
  }

  private static List<JsonObject> objects(JsonObject parent, String key) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonValue v : parent.array(key).map(JsonArray::items).orElse(List.of())) {
      if (v instanceof JsonObject o) {
        out.add(o);
      }
    }
    return out;
  }

  private static List<String> strings(JsonObject o, String key) {
    List<String> out = new ArrayList<>();
    for (JsonValue v : o.array(key).map(JsonArray::items).orElse(List.of())) {
      if (v instanceof JsonString s) {
        out.add(s.value());
      }
    }
    return out;
  }

  private static Map<String, List<String>> idMap(JsonObject o, String key) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    o.object(key).ifPresent(m -> m.members().forEach((choice, ids) -> {
      List<String> list = new ArrayList<>();
      if (ids instanceof JsonArray a) {
        for (JsonValue v : a.items()) {
          if (v instanceof JsonString s) {
            list.add(s.value());
          }
        }
      }
      out.put(choice, list);
    }));
    return out;
  }

  private static String requiredString(JsonObject o, String key, String what) throws MalformedDescriptorException {
    return o.string(key).orElseThrow(() -> new MalformedDescriptorException(what + ": \"" + key
        + "\" must be a string"));
  }
}
