package org.vipboutiques.validation;

import java.util.ArrayList;
import java.util.List;
import org.vipboutiques.descriptor.GpuRequirement;
import org.vipboutiques.descriptor.MalformedDescriptorException;
import org.vipboutiques.descriptor.MalformedGpuRequirementException;
import org.vipboutiques.descriptor.TestConventions;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonObject;

/**
 * Validates descriptors as the reference implementation does: the JSON schema first (and,
 * like the reference, nothing more when it fails), then every semantic rule, collecting all
 * errors. Thread-safe; the schema is compiled once per JVM.
 */
public final class DescriptorValidator {

  private DescriptorValidator() {}

  /** Validates a parsed descriptor. */
  public static ValidationReport validate(JsonObject descriptor, String source) {
    List<ValidationError> schemaErrors = DescriptorSchema.check(descriptor);
    if (!schemaErrors.isEmpty()) {
      return new ValidationReport(source, schemaErrors);
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

  /** The report for input that could not be read as a JSON object. */
  public static ValidationReport unreadable(JsonInputException e) {
    return new ValidationReport(e.source(), List.of(new ValidationError(Rule.JSON, List.of(),
        Rule.JSON.kind() + ": " + e.getMessage())));
  }
}
