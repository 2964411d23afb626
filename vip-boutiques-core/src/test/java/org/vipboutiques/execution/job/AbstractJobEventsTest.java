package org.vipboutiques.execution.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.execution.Job;
import org.vipboutiques.execution.JobListener;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.execution.JobState;
import org.vipboutiques.execution.JobStatus;
import org.vipboutiques.execution.LogStream;

/**
 * The event order of {@link AbstractJob} itself, with the threads a back end has (pumps and a
 * monitor at once) and listeners that misbehave: what the executor contract checks end to end.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AbstractJobEventsTest {

  @TempDir
  Path folder;

  /** A job driven by the test. */
  final class TestJob extends AbstractJob {
    volatile boolean cancelAsked;

    TestJob(List<JobListener> listeners) {
      super("t1", "test", folder, listeners);
      announce();
    }

    @Override
    protected boolean requestCancel() {
      cancelAsked = true;
      return true;
    }

    void run(String backendState) {
      transition(JobState.RUNNING, backendState);
    }

    void print(LogStream stream, String text) {
      line(stream, text);
    }

    void end(JobState state) {
      finish(new JobResult(id(), state, "done", Optional.of(0), Optional.empty(), folder, folder.resolve("o"),
          folder.resolve("e"), "", "", Map.of(), List.of(), "true", Optional.empty(), Instant.now(),
          Optional.empty(), Instant.now(), Optional.empty()));
    }
  }

  static class Recorder implements JobListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(Job job, JobStatus status) {
      events.add(status.state() + "/" + status.backendState());
    }

    @Override
    public void logLine(Job job, LogStream stream, String line) {
      events.add(stream + ":" + line);
    }
  }

  @Test
  void aLineBeforeTheBackEndSaysRunningComesAfterARunningState() {
    Recorder r = new Recorder();
    TestJob job = new TestJob(List.of(r));
    job.print(LogStream.STDOUT, "early");
    job.run("running (pid 7)");
    job.end(JobState.SUCCEEDED);
    assertEquals(List.of("QUEUED/queued", "RUNNING/running", "STDOUT:early", "RUNNING/running (pid 7)",
        "SUCCEEDED/done"), r.events);
  }

  @Test
  void nothingIsHeardAfterTheEndAndTheResultCompletesAfterTheFinalState() throws Exception {
    Recorder r = new Recorder();
    TestJob job = new TestJob(List.of(r));
    job.result().thenRun(() -> r.events.add("result"));
    job.end(JobState.FAILED);
    job.print(LogStream.STDERR, "late");
    job.run("again");
    job.end(JobState.SUCCEEDED);
    assertEquals(List.of("QUEUED/queued", "FAILED/done", "result"), r.events);
    assertEquals(JobState.FAILED, job.await().state());
  }

  /** Two pump threads and a monitor at once: one event at a time, each stream in order, the end last. */
  @Test
  void eventsFromManyThreadsAreHeardOneAtATimeInOrder() throws Exception {
    List<String> overlaps = new CopyOnWriteArrayList<>();
    Recorder r = new Recorder() {
      private volatile boolean inside;

      @Override
      public void logLine(Job job, LogStream stream, String line) {
        if (inside) {
          overlaps.add(line);
        }
        inside = true;
        Thread.onSpinWait();
        super.logLine(job, stream, line);
        inside = false;
      }
    };
    TestJob job = new TestJob(List.of(r));
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (LogStream s : LogStream.values()) {
      threads.add(new Thread(() -> {
        awaitQuietly(go);
        for (int i = 0; i < 2000; i++) {
          job.print(s, Integer.toString(i));
        }
      }));
    }
    threads.add(new Thread(() -> {
      awaitQuietly(go);
      for (int i = 0; i < 200; i++) {
        job.run("poll " + i);
      }
    }));
    threads.forEach(Thread::start);
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    job.end(JobState.SUCCEEDED);
    job.await();
    assertEquals(List.of(), overlaps);
    for (LogStream s : LogStream.values()) {
      List<String> lines = r.events.stream().filter(e -> e.startsWith(s + ":")).map(e -> e.substring(s.toString()
          .length() + 1)).toList();
      assertEquals(2000, lines.size());
      for (int i = 0; i < lines.size(); i++) {
        assertEquals(Integer.toString(i), lines.get(i));
      }
    }
    assertEquals("QUEUED/queued", r.events.get(0));
    assertEquals("SUCCEEDED/done", r.events.get(r.events.size() - 1));
    int firstLine = 0;
    while (!r.events.get(firstLine).contains(":")) {
      firstLine++;
    }
    assertTrue(r.events.subList(0, firstLine).stream().anyMatch(e -> e.startsWith("RUNNING/")), r.events.toString());
  }

  /** A listener that throws, or cancels the job from inside an event, costs no one an event and deadlocks nothing. */
  @Test
  void aListenerThatThrowsOrCancelsDoesNotBreakTheOthers() throws Exception {
    Recorder r = new Recorder();
    JobListener rude = new JobListener() {
      @Override
      public void logLine(Job job, LogStream stream, String line) {
        job.cancel();
        job.addListener(new Recorder());
        throw new IllegalStateException("boom");
      }

      @Override
      public void stateChanged(Job job, JobStatus status) {
        throw new AssertionError("bang");
      }
    };
    TestJob job = new TestJob(List.of(rude, r));
    job.print(LogStream.STDOUT, "a");
    job.print(LogStream.STDOUT, "b");
    job.end(JobState.CANCELLED);
    assertTrue(job.cancelAsked);
    assertEquals(JobState.CANCELLED, job.await().state());
    assertEquals(List.of("QUEUED/queued", "RUNNING/running", "STDOUT:a", "STDOUT:b", "CANCELLED/done"), r.events);
  }

  /** A late listener hears the states and the latest lines, up to the bound, in their order. */
  @Test
  void aLateListenerHearsThePastWithTheLatestLinesOnly() throws Exception {
    TestJob job = new TestJob(List.of());
    job.run("running");
    String line = "x".repeat(1023);
    int lines = AbstractJob.HISTORY_CHARS / 1023 + 100;
    for (int i = 0; i < lines; i++) {
      job.print(LogStream.STDOUT, i + line);
    }
    job.end(JobState.SUCCEEDED);
    Recorder late = new Recorder();
    job.addListener(late);
    assertEquals("QUEUED/queued", late.events.get(0));
    assertEquals("RUNNING/running", late.events.get(1));
    assertEquals("SUCCEEDED/done", late.events.get(late.events.size() - 1));
    List<String> heard = late.events.subList(2, late.events.size() - 1);
    assertTrue(heard.size() < lines && heard.size() > lines - 200, heard.size() + " of " + lines);
    assertEquals("STDOUT:" + (lines - 1) + line, heard.get(heard.size() - 1));
    assertFalse(heard.stream().mapToInt(String::length).sum() > AbstractJob.HISTORY_CHARS + 8 * heard.size());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
