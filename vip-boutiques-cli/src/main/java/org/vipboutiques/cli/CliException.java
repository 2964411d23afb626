package org.vipboutiques.cli;

/** Ends a command with a message on standard error and an exit code. */
final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  static CliException invalid(String message) {
    return new CliException(ExitCodes.INVALID, message);
  }

  int exitCode() {
    return exitCode;
  }
}
