package org.vipboutiques.execution;

/**
 * Follows a job: state changes and log lines, for progress displays. Called from the back end's
 * threads; keep it quick. Exceptions thrown by a listener are logged and ignored.
 */
public interface JobListener {

  /** The job entered a new state (or the back end's own state changed). */
  default void stateChanged(Job job, JobStatus status) {}

  /** A line of the tool's output, without its line terminator. */
  default void logLine(Job job, LogStream stream, String line) {}
}
