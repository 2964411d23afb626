package org.vipboutiques.dirac.wrapper;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.vipboutiques.execution.job.OwnerOnly;

/**
 * Tar archives for sandboxes (commons-compress): plain tar, tar.bz2 and tar.zst (what DiracX's
 * client writes), with SHA-256 checksums, and extraction that refuses entries escaping the
 * target folder.
 */
public final class SandboxArchive {

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

  /** Unpacks an archive of {@code format} into {@code folder}; returns the number of files written. */
  public static int extract(InputStream in, String format, Path folder) throws IOException {
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
    try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = entry.getName();
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || name.startsWith("/")) {
          throw new IOException("the archive entry \"" + name + "\" would land outside " + root);
        }
        if (entry.isDirectory()) {
          OwnerOnly.createFolders(target);
        } else if (entry.isFile()) {
          OwnerOnly.createFolders(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          OwnerOnly.restrict(target, (entry.getMode() & 0100) != 0);
          count++;
        }
        // links and devices are skipped: a sandbox has no business holding them
      }
    }
    return count;
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
