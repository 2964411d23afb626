package org.vipboutiques.validation;

import java.util.ArrayList;
import java.util.List;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.descriptor.MalformedDescriptorException;
import org.vipboutiques.descriptor.MalformedGpuRequirementException;
import org.vipboutiques.descriptor.TestConventions;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonObject;

/**
 * Validates descriptors as the reference implementation does: the JSON schema first (and,
 * like the reference, nothing more when it fails), then every semantic rule, collecting all
 * errors. Thread-safe; the schema is compiled once per JVM.
 */
public final class DescriptorValidator {

  /**
   * The most inputs, output files and groups, together, a descriptor may have. Several of the
   * reference's rules compare them pairwise (unique ids, value-keys inside one another, shared
   * value-keys, path-templates): 100,000 inputs kept a validation busy for over nine minutes. The
   * largest descriptors of the public corpus have under 200.
   */
  public static final int MAX_ENTRIES = 10_000;

  private DescriptorValidator() {}

  /** Validates a parsed descriptor. */
  public static ValidationReport validate(JsonObject descriptor, String source) {
    List<ValidationError> schemaErrors = DescriptorSchema.check(descriptor);
    if (!schemaErrors.isEmpty()) {
      return new ValidationReport(source, schemaErrors);
    }
    int entries = count(descriptor, "inputs") + count(descriptor, "output-files") + count(descriptor, "groups");
    if (entries > MAX_ENTRIES) {
      return new ValidationReport(source, List.of(new ValidationError(Rule.TOO_MANY_ENTRIES, List.of(),
          Rule.TOO_MANY_ENTRIES.kind() + ": the descriptor has " + entries + " inputs, output-files and groups;"
              + " at most " + MAX_ENTRIES + " are checked (the rules compare them pairwise); split the tool")));
    }
    List<ValidationError> errors = new ArrayList<>(SemanticRules.check(descriptor));
    if (errors.isEmpty()) {
      try {
        GpuRequirement.fromDescriptor(descriptor);
      } catch (MalformedGpuRequirementException e) {
        errors.add(new ValidationError(Rule.GPU_CONVENTION, List.of(), Rule.GPU_CONVENTION.kind() + ": "
            + e.getMessage()));
      }
      try {
        TestConventions.check(descriptor);
      } catch (MalformedDescriptorException e) {
        errors.add(new ValidationError(Rule.TEST_CONVENTION, List.of(), Rule.TEST_CONVENTION.kind() + ": "
            + e.getMessage()));
      }
    }
    return new ValidationReport(source, errors);
  }

  private static int count(JsonObject descriptor, String section) {
    return descriptor.members().get(section) instanceof JsonArray a ? a.items().size() : 0;
  }

  /** The report for input that could not be read as a JSON object. */
  public static ValidationReport unreadable(JsonInputException e) {
    return new ValidationReport(e.source(), List.of(new ValidationError(Rule.JSON, List.of(),
        Rule.JSON.kind() + ": " + e.getMessage())));
  }
}
