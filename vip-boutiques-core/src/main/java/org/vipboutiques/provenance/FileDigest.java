package org.vipboutiques.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A file's MD5 sum, read once by someone else (the result cache's key, a cache entry), with the
 * file's size and modification time when it was read. A record uses it instead of reading the
 * file again only while the file still has that size and modification time; else it reads it.
 *
 * @param md5 the sum, lower-case hex
 * @param size the file's size when it was read
 * @param modified the file's modification time when it was read (taken before reading it)
 */
public record FileDigest(String md5, long size, FileTime modified) {

  public FileDigest {
    Objects.requireNonNull(md5, "md5");
    Objects.requireNonNull(modified, "modified");
  }

  /** The digest {@code md5} of a file whose attributes, read before its bytes, were {@code before}. */
  public static FileDigest of(String md5, BasicFileAttributes before) {
    return new FileDigest(md5, before.size(), before.lastModifiedTime());
  }

  /** Whether {@code path} is still a plain file of that size and modification time. */
  public boolean matches(Path path) {
    try {
      BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
      return now.isRegularFile() && now.size() == size && now.lastModifiedTime().equals(modified);
    } catch (IOException e) {
      return false;
    }
  }
}
