package org.vipboutiques.descriptor;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonValue;

/**
 * One input of a tool, as its descriptor declares it. {@link #json()} keeps the declaration as
 * written, for rules that depend on how it was written (a key present but false, say).
 */
public record Input(
    String id,
    String name,
    InputType type,
    Optional<String> description,
    Optional<String> valueKey,
    boolean list,
    Optional<String> listSeparator,
    boolean optional,
    Optional<String> commandLineFlag,
    Optional<String> commandLineFlagSeparator,
    Optional<JsonValue> defaultValue,
    List<JsonValue> valueChoices,
    Map<String, List<String>> valueRequires,
    Map<String, List<String>> valueDisables,
    List<String> requiresInputs,
    List<String> disablesInputs,
    boolean integer,
    Optional<JsonNumber> minimum,
    Optional<JsonNumber> maximum,
    boolean exclusiveMinimum,
    boolean exclusiveMaximum,
    Optional<JsonNumber> minListEntries,
    Optional<JsonNumber> maxListEntries,
    boolean usesAbsolutePath,
    JsonObject json) {

  public Input {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    valueChoices = List.copyOf(valueChoices);
    valueRequires = Map.copyOf(valueRequires);
    valueDisables = Map.copyOf(valueDisables);
    requiresInputs = List.copyOf(requiresInputs);
    disablesInputs = List.copyOf(disablesInputs);
    Objects.requireNonNull(json, "json");
  }

  /** Whether the descriptor restricts this input to {@link #valueChoices()}. */
  public boolean hasChoices() {
    return !valueChoices.isEmpty();
  }

  /** The separator between list items; one space unless the descriptor says otherwise. */
  public String listSeparatorOrDefault() {
    return listSeparator.orElse(" ");
  }

  /** The separator between the flag and the value; one space unless the descriptor says otherwise. */
  public String commandLineFlagSeparatorOrDefault() {
    return commandLineFlagSeparator.orElse(" ");
  }
}
