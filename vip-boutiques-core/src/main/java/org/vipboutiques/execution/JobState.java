package org.vipboutiques.execution;

/** Where a job is, in terms common to every back end; {@link JobStatus} adds the back end's own. */
public enum JobState {
  /** Accepted, waiting for resources. */
  QUEUED,
  /** The tool is running. */
  RUNNING,
  /** The tool exited with code 0 and every required output exists. */
  SUCCEEDED,
  /** The tool exited with another code, a required output is missing, it timed out, or the back end failed. */
  FAILED,
  /** Cancelled by the user. */
  CANCELLED;

  /** Whether no further change will happen. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
