package org.vipboutiques.descriptor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.json.JsonObject;

/** One output file of a tool: where it will be, and how it appears on the command line. */
public record OutputFile(
    String id,
    String name,
    Optional<String> description,
    Optional<String> valueKey,
    Optional<String> pathTemplate,
    List<ConditionalPath> conditionalPathTemplate,
    List<String> pathTemplateStrippedExtensions,
    boolean list,
    boolean optional,
    Optional<String> commandLineFlag,
    Optional<String> commandLineFlagSeparator,
    boolean usesAbsolutePath,
    Optional<List<String>> fileTemplate,
    JsonObject json) {

  public OutputFile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    conditionalPathTemplate = List.copyOf(conditionalPathTemplate);
    pathTemplateStrippedExtensions = List.copyOf(pathTemplateStrippedExtensions);
    fileTemplate = fileTemplate.map(List::copyOf);
    Objects.requireNonNull(json, "json");
  }

  /** Whether the path depends on conditions over the inputs. */
  public boolean isConditional() {
    return pathTemplate.isEmpty() && !conditionalPathTemplate.isEmpty();
  }

  /** Whether the tool reads this file as configuration written from {@link #fileTemplate()}. */
  public boolean isConfigFile() {
    return fileTemplate.isPresent();
  }
}
