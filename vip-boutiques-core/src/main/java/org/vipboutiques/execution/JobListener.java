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
 * <p>A job retried after a failure of what it ran on (see {@link org.vipboutiques.retry.RetryPolicy})
 * tells {@link #retrying} once per retry, after every event of the attempt that failed (its last
 * line included, but not its final state: a job has one final state) and before any event of the
 * next attempt, which begins again at {@link JobState#QUEUED}, then RUNNING before its first line.
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

  /**
   * An attempt failed in a way the job's retry policy retries: the next one starts after
   * {@code delay}, from a clean job folder (the failed attempt's files removed).
   *
   * @param failed the attempt that failed (its number, back-end id, failure kind and reason)
   */
  default void retrying(Job job, Attempt failed, java.time.Duration delay) {}
}
