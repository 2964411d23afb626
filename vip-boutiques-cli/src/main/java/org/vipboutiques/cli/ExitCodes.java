package org.vipboutiques.cli;

/** The exit codes of the {@code vip-boutiques} command. */
final class ExitCodes {

  /** Everything asked for was done, and everything checked is valid. */
  static final int OK = 0;
  /** A descriptor or an invocation is invalid. */
  static final int INVALID = 1;
  /** The command was used wrongly: unknown option, missing or unreadable file. */
  static final int USAGE = 2;
  /** A server (Zenodo) could not be reached or failed, and what was asked is not cached (sysexits' EX_UNAVAILABLE). */
  static final int UNAVAILABLE = 69;
  /** A bug in vip-boutiques (reported in one line; {@code VIPB_DEBUG=1} shows the trace). */
  static final int INTERNAL = 70;

  private ExitCodes() {}
}
