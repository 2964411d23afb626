package org.vipboutiques.commandline;

/**
 * The command line or the output paths cannot be built for this invocation (the reference
 * implementation crashes here); the message says which output or condition, and why.
 */
public final class CommandLineException extends Exception {

  private static final long serialVersionUID = 1L;

  public CommandLineException(String message) {
    super(message);
  }
}
