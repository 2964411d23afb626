package org.vipboutiques.execution.job;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where a tool's output stream goes: everything to a file, the last bytes in memory (so a tool
 * that prints gigabytes cannot exhaust the heap), and complete lines to a consumer (progress
 * listeners). One writer at a time.
 */
public final class LogCapture extends OutputStream {

  /** 64 KiB of the end of each stream are kept in memory by default. */
  public static final int DEFAULT_TAIL = 64 * 1024;
  /** Longer lines are cut for listeners (the file keeps them whole). */
  private static final int MAX_LINE = 16 * 1024;

  private final OutputStream file;
  private final byte[] tail;
  private long written;
  private final Consumer<String> lines;
  private final StringBuilderBytes line = new StringBuilderBytes();
  private boolean closed;

  public LogCapture(Path path, int tailBytes, Consumer<String> lines) {
    try {
      this.file = new BufferedOutputStream(OwnerOnly.newOutputStream(path), 64 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the log " + path, e);
    }
    this.tail = new byte[Math.max(1, tailBytes)];
    this.lines = lines;
  }

  /** A capture that only keeps the tail (no file, no listener). */
  public static LogCapture discarding() {
    return new LogCapture();
  }

  private LogCapture() {
    this(1024, s -> { });
  }

  private LogCapture(int tailBytes, Consumer<String> lines) {
    this.file = OutputStream.nullOutputStream();
    this.tail = new byte[Math.max(1, tailBytes)];
    this.lines = lines;
  }

  /**
   * A capture of a log that something else writes to its file (a process writing its own log,
   * read back as it grows): the tail and the lines, no file written.
   */
  public static LogCapture following(int tailBytes, Consumer<String> lines) {
    return new LogCapture(tailBytes, lines);
  }

  @Override
  public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    if (closed) {
      return;
    }
    file.write(b, off, len);
    for (int i = off; i < off + len; i++) {
      tail[(int) (written++ % tail.length)] = b[i];
      if (b[i] == '\n') {
        emit();
      } else {
        line.add(b[i]);
      }
    }
  }

  private void emit() {
    String s = line.take();
    if (s.endsWith("\r")) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      lines.accept(s);
    } catch (RuntimeException e) {
      // A listener's failure must not break the capture.
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    file.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    if (line.size() > 0) {
      emit();
    }
    closed = true;
    file.close();
  }

  /** The last bytes written, as text (a partial first character is dropped). */
  public synchronized String tail() {
    int n = (int) Math.min(written, tail.length);
    byte[] out = new byte[n];
    int start = (int) ((written - n) % tail.length);
    for (int i = 0; i < n; i++) {
      out[i] = tail[(start + i) % tail.length];
    }
    int skip = 0;
    while (skip < n && written > tail.length && (out[skip] & 0xC0) == 0x80) {
      skip++;
    }
    return new String(out, skip, n - skip, StandardCharsets.UTF_8);
  }

  /** Bytes written so far. */
  public synchronized long size() {
    return written;
  }

  /** A growable byte buffer for one line, bounded. */
  private static final class StringBuilderBytes {
    private byte[] buf = new byte[256];
    private int size;

    void add(byte b) {
      if (size == MAX_LINE) {
        return;
      }
      if (size == buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
      }
      buf[size++] = b;
    }

    int size() {
      return size;
    }

    String take() {
      String s = new String(buf, 0, size, StandardCharsets.UTF_8);
      size = 0;
      return s;
    }
  }
}
