package org.vipboutiques.validation;

/**
 * The rules a descriptor is checked against: the JSON schema, then the semantic rules of the
 * reference implementation, then the rules we add where the reference crashes.
 */
public enum Rule {
  /** Not readable JSON text. */
  JSON("JsonError", "json"),
  /** The Boutiques 0.5 JSON schema. */
  SCHEMA("SchemaError", "schema"),

  VALUE_KEY_UNUSED("KeyError", "value-key-unused"),
  VALUE_KEY_CONTAINS_KEY("KeyError", "value-key-contains-key"),
  ID_NOT_UNIQUE("IdError", "id-not-unique"),
  SHARED_VALUE_KEY("MutExError", "shared-value-key"),
  SAME_PATH_TEMPLATE("OutputError", "same-path-template"),
  CONDITIONAL_OUTPUT_OPTIONAL_UNSET("OutputError", "conditional-output-optional-unset"),
  CONDITIONAL_OUTPUT_NO_DEFAULT("OutputError", "conditional-output-no-default"),
  CONDITIONAL_OUTPUT_DEFAULTS("OutputError", "conditional-output-defaults"),
  CONDITIONAL_OUTPUT_EMPTY_ENTRY("OutputError", "conditional-output-empty-entry"),
  CONDITION_UNKNOWN_WORD("OutputError", "condition-unknown-word"),
  CONDITION_INVALID("OutputError", "condition-invalid"),
  FLAG_WITHOUT_COMMAND_LINE_FLAG("InputError", "flag-without-command-line-flag"),
  FLAG_NOT_OPTIONAL("InputError", "flag-not-optional"),
  NUMBER_MIN_ABOVE_MAX("InputError", "number-min-above-max"),
  CHOICES_EMPTY("InputError", "choices-empty"),
  DEFAULT_NOT_A_CHOICE("InputError", "default-not-a-choice"),
  LIST_MIN_ABOVE_MAX("InputError", "list-min-above-max"),
  LIST_MIN_NEGATIVE("InputError", "list-min-negative"),
  LIST_MAX_NOT_POSITIVE("InputError", "list-max-not-positive"),
  REQUIRED_ID_UNKNOWN("InputError", "required-id-unknown"),
  DISABLED_ID_UNKNOWN("InputError", "disabled-id-unknown"),
  REQUIRES_AND_DISABLES("InputError", "requires-and-disables"),
  DISABLES_REQUIRED_INPUT("InputError", "disables-required-input"),
  REQUIRED_INPUT_WITH_DEPENDENCIES("InputError", "required-input-with-dependencies"),
  VALUE_OPTIONS_WITHOUT_CHOICES("InputError", "value-options-without-choices"),
  CHOICE_REQUIRES_AND_DISABLES("InputError", "choice-requires-and-disables"),
  VALUE_OPTIONS_NOT_CHOICES("InputError", "value-options-not-choices"),
  VALUE_OPTIONS_ID_UNKNOWN("InputError", "value-options-id-unknown"),
  VALUE_OPTIONS_REQUIRED_INPUT("InputError", "value-options-required-input"),
  VALUE_OPTIONS_MALFORMED("InputError", "value-options-malformed"),
  GROUP_MEMBER_UNKNOWN("GroupError", "group-member-unknown"),
  GROUP_MEMBER_TWICE("GroupError", "group-member-twice"),
  MUTEX_REQUIRED_MEMBER("GroupError", "mutex-required-member"),
  MUTEX_MEMBERS_REQUIRE("GroupError", "mutex-members-require"),
  MUTEX_ALL_OR_NONE_PAIR("GroupError", "mutex-all-or-none-pair"),
  ONE_REQUIRED_REQUIRED_MEMBER("GroupError", "one-is-required-required-member"),
  ONE_REQUIRED_IN_ALL_OR_NONE("GroupError", "one-is-required-in-all-or-none"),
  ALL_OR_NONE_COMBINED("GroupError", "all-or-none-combined"),
  ALL_OR_NONE_REQUIRED_MEMBER("GroupError", "all-or-none-required-member"),
  TEST_OUTPUT_UNKNOWN("TestError", "test-output-unknown"),
  TEST_OUTPUT_TWICE("TestError", "test-output-twice"),
  TEST_NAME_NOT_UNIQUE("TestError", "test-name-not-unique"),
  CONTAINER_INDEX_MISMATCH("ContainerError", "container-index-mismatch"),
  CONTAINER_WITHOUT_IMAGE("ContainerError", "container-without-image"),
  /** The project's GPU convention ({@code custom."vip:gpu"}) is malformed. */
  GPU_CONVENTION("GpuError", "gpu-convention"),
  /** The project's test assertions ({@code vip:reference}, {@code vip:stdout-matches}, ...) are malformed. */
  TEST_CONVENTION("TestError", "test-convention"),
  /**
   * More inputs, outputs and groups than {@link DescriptorValidator#MAX_ENTRIES}: several rules compare
   * them pairwise, so the semantic rules are not run on such a descriptor.
   */
  TOO_MANY_ENTRIES("LimitError", "too-many-entries");

  private final String kind;
  private final String code;

  Rule(String kind, String code) {
    this.kind = kind;
    this.code = code;
  }

  /** The reference's message prefix: {@code InputError}, {@code GroupError}, ... */
  public String kind() {
    return kind;
  }

  /** A stable, kebab-case name for machine output. */
  public String code() {
    return code;
  }
}
