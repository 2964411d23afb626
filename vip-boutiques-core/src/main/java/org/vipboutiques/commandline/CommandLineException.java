package org.vipboutiques.commandline;

import org.vipboutiques.BoutiquesException;

/**
 * The command line or the output paths cannot be built for this invocation (the reference
 * implementation crashes here); the message says which output or condition, and why.
 */
public final class CommandLineException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  public CommandLineException(String message) {
    super(message);
  }
}
