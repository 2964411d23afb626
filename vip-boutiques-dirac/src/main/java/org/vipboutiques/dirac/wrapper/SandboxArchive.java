package org.vipboutiques.dirac.wrapper;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.job.OwnerOnly;

/**
 * Tar archives for sandboxes (commons-compress): plain tar, tar.bz2 and tar.zst (what DiracX's
 * client writes), with SHA-256 checksums, and bounded extraction that refuses entries escaping the
 * target folder.
 */
public final class SandboxArchive {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxArchive.class);
  /** Entries made executable in archives. */
  private static final Set<String> EXECUTABLE = Set.of(WrapperScript.NAME);

  private SandboxArchive() {}

  /** A tar of the files (name to content), in the map's order. */
  public static byte[] tar(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
        entry.setSize(f.getValue().length);
        String base = f.getKey().substring(f.getKey().lastIndexOf('/') + 1);
        entry.setMode(EXECUTABLE.contains(base) || base.endsWith(".sh") ? 0100755 : 0100644);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.write(f.getValue());
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException e) {
      throw new IllegalStateException("cannot build a tar in memory", e);
    }
    return bytes.toByteArray();
  }

  /** The files tarred and compressed in {@code format} ({@code tar.zst} or {@code tar.bz2}). */
  public static byte[] archive(Map<String, byte[]> files, String format) {
    byte[] tar = tar(files);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(tar.length / 3 + 256);
    try (OutputStream out = compressor(bytes, format)) {
      out.write(tar);
    } catch (IOException e) {
      throw new IllegalStateException("cannot compress a sandbox as " + format, e);
    }
    return bytes.toByteArray();
  }

  private static OutputStream compressor(OutputStream out, String format) throws IOException {
    return switch (format) {
      case "tar.zst" -> new ZstdCompressorOutputStream(out, 3);
      case "tar.bz2" -> new BZip2CompressorOutputStream(out, 1);
      default -> throw new IllegalArgumentException("unknown sandbox format " + format + " (tar.zst or tar.bz2)");
    };
  }

  /** The format of an archive named by its file name or pfn, by suffix. */
  public static String formatOf(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".tar.zst") || n.endsWith(".tzst")) {
      return "tar.zst";
    }
    if (n.endsWith(".tar.bz2") || n.endsWith(".tbz2")) {
      return "tar.bz2";
    }
    if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
      return "tar.gz";
    }
    return "tar";
  }

  /**
   * Bounds on unpacking one archive: the bytes of its files in all and the number of its entries.
   * A bound exceeded stops the unpacking with one line that names the bound and the setting.
   */
  public record Limits(long maxBytes, long maxEntries) {

    /** 2 GiB and 100,000 entries: far above what DIRAC's sandboxes hold, far below a full disk. */
    public static final Limits DEFAULT = new Limits(2L << 30, 100_000);

    public Limits {
      if (maxBytes < 0 || maxEntries < 0) {
        throw new IllegalArgumentException("unpack limits must be positive");
      }
    }
  }

  /** Unpacks an archive of {@code format} into {@code folder}, within the default limits, every entry accepted. */
  public static int extract(InputStream in, String format, Path folder) throws IOException {
    return extract(in, format, folder, Limits.DEFAULT, name -> true);
  }

  /**
   * Unpacks an archive of {@code format} into {@code folder}, streaming each file to disk, and
   * returns the number of files written. Refused with an {@link IOException} (one line): an entry
   * that would land outside the folder or be written through a symbolic link already there, an
   * entry {@code wanted} does not accept (given the entry's path relative to the folder, without
   * {@code ./}), a hard link to anything but a file written earlier from the same archive, and
   * {@code limits} exceeded. Symbolic links, FIFOs and devices are skipped with a logged line:
   * a sandbox holds files and folders only, and such an entry must never become an empty file.
   * A hard link to an earlier file of the same archive (GNU tar writes one for a file named
   * twice or with several names) is written as a copy of that file.
   */
  public static int extract(InputStream in, String format, Path folder, Limits limits, Predicate<String> wanted)
      throws IOException {
    InputStream raw = new BufferedInputStream(in, 64 * 1024);
    InputStream decompressed = switch (format) {
      case "tar.zst" -> new ZstdCompressorInputStream(raw);
      case "tar.bz2" -> new BZip2CompressorInputStream(raw);
      case "tar.gz" -> new GzipCompressorInputStream(raw);
      case "tar" -> raw;
      default -> throw new IOException("unknown archive format " + format);
    };
    Path root = folder.toAbsolutePath().normalize();
    OwnerOnly.createFolders(root);
    int count = 0;
    long entries = 0;
    long bytes = 0;
    Set<String> written = new HashSet<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (++entries > limits.maxEntries()) {
          throw new IOException("the archive holds more than " + limits.maxEntries() + " entries, the most"
              + " sandbox-unpack-entries lets unpack into " + root + "; raise that setting if the outputs are real");
        }
        String name = relative(entry.getName());
        if (name.isEmpty() && entry.isDirectory()) {
          continue;
        }
        Path target = root.resolve(name).normalize();
        if (name.isEmpty() || entry.getName().startsWith("/") || !target.startsWith(root) || target.equals(root)) {
          throw new IOException("the archive entry \"" + entry.getName() + "\" would land outside " + root);
        }
        if (!wanted.test(name)) {
          throw new IOException("the archive holds \"" + entry.getName() + "\", which is not among the paths it"
              + " should hold");
        }
        if (entry.isSymbolicLink() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()
            || !(entry.isDirectory() || entry.isFile() || entry.isLink())) {
          LOG.warn("skipped the archive entry \"{}\" ({}): a sandbox holds only files and folders", entry.getName(),
              kind(entry));
          continue;
        }
        noLinkOnTheWay(root, target, entry.getName());
        if (entry.isDirectory()) {
          OwnerOnly.createFolders(target);
          continue;
        }
        OwnerOnly.createFolders(target.getParent());
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException("the archive entry \"" + entry.getName() + "\" is a file where " + target
              + " is a folder");
        }
        if (entry.isLink()) {
          // TarArchiveEntry.isFile() is true for hard links too: this test must come first.
          String to = relative(entry.getLinkName());
          if (!written.contains(to)) {
            throw new IOException("the archive entry \"" + entry.getName() + "\" is a hard link to \""
                + entry.getLinkName() + "\", which is not a file written earlier from this archive");
          }
          if (to.equals(name)) {
            continue; // the same file again: already written
          }
          Path source = root.resolve(to).normalize();
          bytes += Files.size(source);
          checkBytes(bytes, limits, root);
          Files.deleteIfExists(target);
          Files.copy(source, target, LinkOption.NOFOLLOW_LINKS);
        } else {
          bytes += entry.getSize();
          checkBytes(bytes, limits, root);
          Files.deleteIfExists(target);
          Files.copy(tar, target);
          OwnerOnly.restrict(target, (entry.getMode() & 0100) != 0);
        }
        written.add(name);
        count++;
      }
    }
    return count;
  }

  /** An entry name relative to the archive's root: without leading {@code ./}, trailing {@code /}, or {@code .} steps. */
  private static String relative(String name) {
    String n = name.replace('\\', '/');
    StringBuilder sb = new StringBuilder();
    for (String part : n.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  private static void checkBytes(long bytes, Limits limits, Path root) throws IOException {
    if (bytes > limits.maxBytes()) {
      throw new IOException("the archive holds more than " + limits.maxBytes() + " bytes, the most"
          + " sandbox-unpack-limit lets unpack into " + root + "; raise that setting if the outputs are real");
    }
  }

  /** Refuses a target reached through a symbolic link (an input linked into the job folder, say). */
  private static void noLinkOnTheWay(Path root, Path target, String name) throws IOException {
    Path p = root;
    for (Path part : root.relativize(target)) {
      p = p.resolve(part);
      if (Files.isSymbolicLink(p)) {
        throw new IOException("the archive entry \"" + name + "\" would be written through the link " + p + " (to "
            + Files.readSymbolicLink(p) + "), outside the folder it is unpacked into");
      }
    }
  }

  private static String kind(TarArchiveEntry e) {
    if (e.isSymbolicLink()) {
      return "a symbolic link to " + e.getLinkName();
    }
    if (e.isFIFO()) {
      return "a FIFO";
    }
    if (e.isCharacterDevice() || e.isBlockDevice()) {
      return "a device";
    }
    return "an entry of type " + (char) e.getLinkFlag();
  }

  /** The hex SHA-256 of {@code data}. */
  public static String sha256(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }

  /** The hex SHA-256 of what {@code in} holds, read to its end. */
  public static String sha256(InputStream in) throws IOException {
    MessageDigest sha = sha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) > 0; ) {
      sha.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
