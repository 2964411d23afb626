package org.vipboutiques.recon.cli;

/** Exit statuses of vip-recon, also declared as error-codes in the Boutiques descriptors. */
final class ExitCodes {
  static final int OK = 0;
  /** Bad input data, I/O failure or an unusable back end that was asked for explicitly. */
  static final int FAILURE = 1;
  /** Command-line usage error. */
  static final int USAGE = 2;
  /** A requested quality check (--max-rmse, --max-nmse, --require-monotone) did not pass. */
  static final int QUALITY = 3;

  private ExitCodes() {
  }
}
