package org.vipboutiques;

/**
 * The root of every checked exception of vip-boutiques, whatever the module: a descriptor or an
 * invocation that is not valid, JSON that cannot be read, a job that cannot run, an executor that
 * cannot work here, a back end (Slurm, DIRAC) that failed. Catching it is enough for a caller
 * that only reports; each subclass keeps its own data (the validation report, the invocation's
 * errors, the JSON line and column, whether a DIRAC call may be retried) for one that does more.
 *
 * <p>The message is one or more lines meant for a person: what is wrong, where (the file, the
 * input id, the setting), and how to fix it.
 *
 * <pre>{@code
 * try {
 *   Descriptor tool = boutiques.load(Path.of("tool.json"));
 *   ...
 * } catch (BoutiquesException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public abstract class BoutiquesException extends Exception {

  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, where, and how to fix it */
  protected BoutiquesException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong, where, and how to fix it
   * @param cause the failure underneath (an I/O error, a back end's answer)
   */
  protected BoutiquesException(String message, Throwable cause) {
    super(message, cause);
  }
}
