package org.vipboutiques.zenodo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.vipboutiques.execution.job.OwnerOnly;

/**
 * The reference's descriptor cache: one folder per server, files named after the record number
 * only, written whole (a temporary file in the same folder, then renamed over the name, so a
 * reader sees the old file or the new one, never a part) and their owner's alone.
 */
final class ZenodoCache {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ZenodoCache() {}

  static Path write(Path folder, String fileName, byte[] bytes) throws IOException {
    OwnerOnly.createFolders(folder);
    Path target = folder.resolve(fileName);
    if (!target.getParent().equals(folder)) {
      throw new IOException(fileName + " is not a file name of " + folder);
    }
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    Path temporary = folder.resolve("." + fileName + "." + HexFormat.of().formatHex(suffix) + ".part");
    Set<OpenOption> options = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
        LinkOption.NOFOLLOW_LINKS);
    boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      try (OutputStream out = posix ? Channels.newOutputStream(Files.newByteChannel(temporary, options,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))))
          : Channels.newOutputStream(Files.newByteChannel(temporary, options))) {
        out.write(bytes);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
