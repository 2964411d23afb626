package org.vipboutiques.execution;

/**
 * Follows a job: state changes and log lines, for progress displays. Give it to
 * {@link JobRequest.Builder#listener} to be told everything from the start:
 *
 * <ol>
 *   <li>the {@link JobState#QUEUED} state (and the back end's later words for it),
 *   <li>a {@link JobState#RUNNING} state before the first line,
 *   <li>every line of the tool's output, each stream in its order,
 *   <li>the final state, last; the job's {@link Job#result()} completes after it.
 * </ol>
 *
 * <p>Events are delivered one at a time, in that order, on every back end, from the back end's
 * threads: keep a listener quick, and never wait in it for the job to end (the end is delivered
 * after it returns). It may cancel the job. Exceptions thrown by a listener are logged and
 * ignored.
 */
public interface JobListener {

  /** The job entered a new state (or the back end's own state changed). */
  default void stateChanged(Job job, JobStatus status) {}

  /** A line of the tool's output, without its line terminator (cut at 16 KiB; the log file keeps it whole). */
  default void logLine(Job job, LogStream stream, String line) {}
}
