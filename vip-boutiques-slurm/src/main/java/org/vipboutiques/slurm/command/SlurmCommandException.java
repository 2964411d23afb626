package org.vipboutiques.slurm.command;

import org.vipboutiques.BoutiquesException;

/**
 * A Slurm command that could not be run at all: missing, not executable, or still running after
 * the command timeout. (A command that ran and exited non-zero is a {@link CommandResult}.)
 */
public final class SlurmCommandException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  public SlurmCommandException(String message) {
    super(message);
  }

  public SlurmCommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
