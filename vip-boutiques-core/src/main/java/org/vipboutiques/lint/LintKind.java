package org.vipboutiques.lint;

/** What a {@link LintWarning} is about. {@link #code()} is stable, for machine output and for counting. */
public enum LintKind {
  /** A one-character comparison operator followed by a character the reference drops ({@code "opt2>10"}). */
  CONDITION_OPERATOR("condition-operator", "a condition the reference reads with a character dropped"),
  /** A group with {@code "mutually-exclusive": false}: the reference still makes its members exclusive. */
  MUTUALLY_EXCLUSIVE_FALSE("mutually-exclusive-false", "a mutually-exclusive key that is false but still applies"),
  /** Inputs sharing a value-key: the reference drops the given one's value when an absent one comes first. */
  SHARED_VALUE_KEY("shared-value-key", "inputs sharing a value-key, whose values the reference may drop"),
  /** An input requiring several groups: the reference enforces the last only. */
  REQUIRES_SEVERAL_GROUPS("requires-several-groups", "an input requiring several groups, of which the reference"
      + " checks the last"),
  /** A conditional output without {@code default}: where no condition holds, the reference reuses the previous path. */
  CONDITIONAL_OUTPUT_WITHOUT_DEFAULT("conditional-output-without-default", "an optional conditional output"
      + " without a default, which takes the previous output's path in the reference"),
  /** {@code "max-list-entries": 0}: the reference reads it as no maximum. */
  ZERO_LIST_BOUND("zero-list-bound", "a list bound of 0, read as no bound"),
  /** A rule the reference does not check at run time (all-or-none, value-requires, value-disables, integer choices). */
  NOT_ENFORCED_BY_REFERENCE("not-enforced-by-reference", "a rule the reference does not check in invocations"),
  /** A container image without a tag or digest, or with {@code latest}. */
  IMAGE_NOT_PINNED("image-not-pinned", "a container image without a tag or digest"),
  /** {@code vip:gpu} without a {@code policy}: read as required, whether or not the tool has a CPU path. */
  GPU_POLICY_UNSET("gpu-policy-unset", "a vip:gpu requirement without a policy"),
  /** An input without a description. */
  INPUT_WITHOUT_DESCRIPTION("input-without-description", "an input without a description"),
  /** No {@code tests}. */
  NO_TESTS("no-tests", "a descriptor without tests");

  private final String code;
  private final String title;

  LintKind(String code, String title) {
    this.code = code;
    this.title = title;
  }

  /** A stable kebab-case name. */
  public String code() {
    return code;
  }

  /** What it is about, in a few words. */
  public String title() {
    return title;
  }
}
