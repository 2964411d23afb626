package org.vipboutiques.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.vipboutiques.execution.job.LogCapture;

/**
 * Reads a log file that the tool writes on the cluster's shared file system, from where it was
 * left: complete lines go to listeners, the last bytes are kept for the result. Nothing is
 * written: the capture's own file is {@code /dev/null}. The tail buffer is made at the first
 * byte read and dropped once the result has it, so that thousands of queued or ended array tasks
 * hold none.
 */
final class LogFollower {

  /** Read at most this much per poll, so that a chatty tool cannot hold up the others. */
  private static final long PER_POLL = 1 << 20;
  /** At the end, more than this still unread is skipped, but for the tail. */
  private static final long AT_END = 8L << 20;

  private static final Path NOWHERE = Path.of("/dev/null");

  private final Path file;
  private final Consumer<String> lines;
  private LogCapture capture;
  private long position;
  private boolean finished;

  LogFollower(Path file, Consumer<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  /** Reads what the tool wrote since the last call, up to a limit. */
  synchronized void poll() {
    if (!finished) {
      read(PER_POLL);
    }
  }

  /** Reads the rest (skipping to the tail when much is left); the capture returned is closed. */
  synchronized LogCapture finish() {
    if (!finished) {
      finished = true;
      read(Long.MAX_VALUE);
    }
    LogCapture done = capture != null ? capture : new LogCapture(NOWHERE, 1, s -> { });
    capture = null;
    try {
      done.close();
    } catch (IOException e) {
      // the tail in memory is still there
    }
    return done;
  }

  private void read(long limit) {
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      long size = ch.size();
      if (size < position) {
        position = 0; // the file was rewritten (a requeued job): start again
      }
      if (limit == Long.MAX_VALUE && size - position > AT_END) {
        position = size - LogCapture.DEFAULT_TAIL;
      }
      // position + limit would overflow for the unlimited read at the end.
      long end = size - position <= limit ? size : position + limit;
      if (end <= position) {
        return;
      }
      if (capture == null) {
        capture = new LogCapture(NOWHERE, LogCapture.DEFAULT_TAIL, lines);
      }
      ch.position(position);
      InputStream in = Channels.newInputStream(ch);
      byte[] buf = new byte[64 * 1024];
      long left = end - position;
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        capture.write(buf, 0, n);
        position += n;
        left -= n;
      }
    } catch (NoSuchFileException e) {
      // not written yet
    } catch (IOException e) {
      // unreadable now (a file system hiccup): tried again at the next poll
    }
  }
}
