package org.vipboutiques.commandline;

/** Python's {@code os.path} on POSIX, for the few functions the reference applies to paths
 * ({@code abspath} is {@link TemplateText#abspath}, which keeps values apart). */
final class PosixPaths {

  private PosixPaths() {}

  /** {@code os.path.basename}: what follows the last slash. */
  static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
