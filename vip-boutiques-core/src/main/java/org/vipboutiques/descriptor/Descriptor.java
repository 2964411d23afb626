package org.vipboutiques.descriptor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonValue;

/**
 * A Boutiques tool descriptor: typed views of every part of the 0.5 format, and the JSON it was
 * read from ({@link #json()}), which is what {@link #toJson()} writes back, unchanged.
 * Immutable. Obtain one with {@code Boutiques.load(...)} (validated) or {@link #fromJson}.
 */
public final class Descriptor {

  private final JsonObject json;
  private final String name;
  private final String description;
  private final String toolVersion;
  private final String schemaVersion;
  private final String commandLine;
  private final List<Input> inputs;
  private final List<OutputFile> outputFiles;
  private final List<Group> groups;
  private final Optional<ContainerImage> containerImage;
  private final List<EnvironmentVariable> environmentVariables;
  private final List<ErrorCode> errorCodes;
  private final List<DescriptorTest> tests;
  private final Optional<SuggestedResources> suggestedResources;
  private final Optional<GpuRequirement> gpu;

  Descriptor(JsonObject json, String name, String description, String toolVersion, String schemaVersion,
      String commandLine, List<Input> inputs, List<OutputFile> outputFiles, List<Group> groups,
      Optional<ContainerImage> containerImage, List<EnvironmentVariable> environmentVariables,
      List<ErrorCode> errorCodes, List<DescriptorTest> tests, Optional<SuggestedResources> suggestedResources,
      Optional<GpuRequirement> gpu) {
    this.json = Objects.requireNonNull(json);
    this.name = name;
    this.description = description;
    this.toolVersion = toolVersion;
    this.schemaVersion = schemaVersion;
    this.commandLine = commandLine;
    this.inputs = List.copyOf(inputs);
    this.outputFiles = List.copyOf(outputFiles);
    this.groups = List.copyOf(groups);
    this.containerImage = containerImage;
    this.environmentVariables = List.copyOf(environmentVariables);
    this.errorCodes = List.copyOf(errorCodes);
    this.tests = List.copyOf(tests);
    this.suggestedResources = suggestedResources;
    this.gpu = gpu;
  }

  /**
   * Builds the typed view of a descriptor that passed validation.
   *
   * @throws MalformedDescriptorException where a part cannot be typed (the descriptor was not
   *     validated, or its {@code vip:gpu} key is malformed)
   */
  public static Descriptor fromJson(JsonObject json) throws MalformedDescriptorException {
    return DescriptorReader.read(json);
  }

  /** The JSON this descriptor was read from, member order and number spelling kept. */
  public JsonObject json() {
    return json;
  }

  /** Writes the descriptor back out: the same content it was read from. */
  public JsonObject toJson() {
    return json;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public String toolVersion() {
    return toolVersion;
  }

  public String schemaVersion() {
    return schemaVersion;
  }

  /** The command-line template, with value-keys such as {@code [INPUT]}. */
  public String commandLine() {
    return commandLine;
  }

  public List<Input> inputs() {
    return inputs;
  }

  public List<OutputFile> outputFiles() {
    return outputFiles;
  }

  public List<Group> groups() {
    return groups;
  }

  public Optional<ContainerImage> containerImage() {
    return containerImage;
  }

  public List<EnvironmentVariable> environmentVariables() {
    return environmentVariables;
  }

  public List<ErrorCode> errorCodes() {
    return errorCodes;
  }

  public List<DescriptorTest> tests() {
    return tests;
  }

  public Optional<SuggestedResources> suggestedResources() {
    return suggestedResources;
  }

  /** The GPU needs of the tool, by the project's convention (see {@link GpuRequirement}). */
  public Optional<GpuRequirement> gpu() {
    return gpu;
  }

  /** The shell that runs the command line; {@code /bin/sh} unless the descriptor says otherwise. */
  public String shell() {
    return json.string("shell").orElse("/bin/sh");
  }

  public Optional<String> author() {
    return json.string("author");
  }

  public Optional<String> url() {
    return json.string("url");
  }

  public Optional<String> doi() {
    return json.string("doi");
  }

  public Optional<String> toolDoi() {
    return json.string("tool-doi");
  }

  public Optional<String> descriptorUrl() {
    return json.string("descriptor-url");
  }

  /** {@code deprecated-by-doi}: a DOI string or {@code true}. */
  public Optional<JsonValue> deprecatedByDoi() {
    return json.get("deprecated-by-doi");
  }

  public List<String> onlinePlatformUrls() {
    return json.array("online-platform-urls").map(a -> a.items().stream()
        .map(v -> v instanceof org.vipboutiques.json.JsonString s ? s.value() : v.toJson()).toList())
        .orElse(List.of());
  }

  /** {@code tags}, as written. */
  public JsonObject tags() {
    return json.object("tags").orElse(JsonObject.EMPTY);
  }

  /** {@code custom}, as written. */
  public JsonObject custom() {
    return json.object("custom").orElse(JsonObject.EMPTY);
  }

  /** The descriptor's own {@code invocation-schema}, when it carries one. */
  public Optional<JsonObject> invocationSchema() {
    return json.object("invocation-schema");
  }

  public Optional<Input> input(String id) {
    return inputs.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  public Optional<OutputFile> outputFile(String id) {
    return outputFiles.stream().filter(o -> o.id().equals(id)).findFirst();
  }

  public Optional<Group> group(String id) {
    return groups.stream().filter(g -> g.id().equals(id)).findFirst();
  }

  /** The error-codes description of an exit code, when the descriptor has one. */
  public Optional<String> describeExitCode(long code) {
    return errorCodes.stream().filter(e -> e.code() == code).map(ErrorCode::description).findFirst();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Descriptor d && d.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "Descriptor[" + name + " " + toolVersion + "]";
  }
}
