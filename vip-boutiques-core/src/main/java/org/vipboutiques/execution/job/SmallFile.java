package org.vipboutiques.execution.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A small file the job's side writes in its folder (an exit code, a command line, a summary),
 * read back without trusting it: the tool ran there and may have put a link, a pipe or gigabytes
 * at that name. Only a plain file, never through a link, and at most a bound of bytes.
 */
public final class SmallFile {

  private SmallFile() {}

  /** The file's text when it is a plain file (not a link) of at most {@code maxBytes} bytes; else empty. */
  public static Optional<String> read(Path file, int maxBytes) {
    return read(file, maxBytes, false);
  }

  /** Its first {@code maxBytes} bytes as text, whatever its size, when it is a plain file (not a link); else empty. */
  public static Optional<String> head(Path file, int maxBytes) {
    return read(file, maxBytes, true);
  }

  private static Optional<String> read(Path file, int maxBytes, boolean cut) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      try (InputStream in = Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ,
          LinkOption.NOFOLLOW_LINKS))) {
        byte[] bytes = in.readNBytes(maxBytes + (cut ? 0 : 1));
        if (bytes.length > maxBytes) {
          return Optional.empty();
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
