package org.vipboutiques.invocation;

/** The rules an invocation is checked against. */
public enum InvocationRule {
  /** Not a JSON object. */
  NOT_AN_OBJECT("not-an-object"),
  /** A key that names no input. */
  UNKNOWN_INPUT("unknown-input"),
  /** A required input has no value (and no default). */
  MISSING_REQUIRED("missing-required"),
  /** A value of the wrong JSON type. */
  WRONG_TYPE("wrong-type"),
  /** A value outside the input's value-choices. */
  NOT_A_CHOICE("not-a-choice"),
  /** A number outside minimum/maximum. */
  OUT_OF_RANGE("out-of-range"),
  /** A list with too few or too many entries. */
  LIST_LENGTH("list-length"),
  /** No member of a one-is-required group is set. */
  ONE_IS_REQUIRED("one-is-required"),
  /** An input is set without an input it requires. */
  REQUIRES("requires"),
  /** An input is set together with an input it disables. */
  DISABLES("disables"),
  /** Two members of a mutually-exclusive group are set. */
  MUTUALLY_EXCLUSIVE("mutually-exclusive"),
  /** Some but not all members of an all-or-none group are set. */
  ALL_OR_NONE("all-or-none"),
  /** A chosen value requires an input that is not set. */
  VALUE_REQUIRES("value-requires"),
  /** A chosen value disables an input that is set. */
  VALUE_DISABLES("value-disables"),
  /** The descriptor's own invocation-schema refuses the invocation. */
  SCHEMA("schema"),
  /** The descriptor makes an invocation schema that no invocation can satisfy. */
  UNSATISFIABLE_SCHEMA("unsatisfiable-schema"),
  /** Building the command line fails where the reference implementation crashes. */
  COMMAND_LINE("command-line");

  private final String code;

  InvocationRule(String code) {
    this.code = code;
  }

  /** A stable, kebab-case name for machine output. */
  public String code() {
    return code;
  }
}
