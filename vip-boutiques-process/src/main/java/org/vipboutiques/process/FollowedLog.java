package org.vipboutiques.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.vipboutiques.execution.job.LogCapture;

/**
 * A log file the job's process writes itself (so that it goes on when no JVM reads it: a job
 * re-attached after a restart), read as it grows into a {@link LogCapture} for the tail and the
 * listeners' lines.
 */
final class FollowedLog {

  private final Path file;
  private final LogCapture capture;
  private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
  private long offset;

  FollowedLog(Path file, LogCapture capture) {
    this.file = file;
    this.capture = capture;
  }

  LogCapture capture() {
    return capture;
  }

  /**
   * Followed again (a job re-attached after a restart): what the tool wrote before, beyond the
   * last {@code keep} bytes (the tail the result shows), is not read again. A tool that wrote
   * gigabytes while no JVM followed it would otherwise be read whole, and its old lines replayed
   * to the listeners. Returns the bytes skipped.
   */
  synchronized long skipToTail(long keep) {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      if (size - offset > keep) {
        long skipped = size - keep - offset;
        offset = size - keep;
        return skipped;
      }
    } catch (IOException e) {
      // not there yet: read from the start
    }
    return 0;
  }

  /** Reads what was appended since the last call. */
  synchronized void poll() {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      if (in.size() <= offset) {
        return;
      }
      in.position(offset);
      while (true) {
        buffer.clear();
        int n = in.read(buffer);
        if (n <= 0) {
          break;
        }
        capture.write(buffer.array(), 0, n);
        offset += n;
      }
    } catch (IOException e) {
      // Gone or unreadable now: the next poll tries again; the file is what the result names.
    }
  }

  /** Reads the rest, then ends the capture (its last partial line goes to the listeners). */
  synchronized void finish() {
    poll();
    try {
      capture.close();
    } catch (IOException e) {
      // the tail in memory is still there
    }
  }
}
