package org.vipboutiques.provenance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.vipboutiques.execution.job.OwnerOnly;

/**
 * The reference's data folder: records named {@code <tool>_<date-time>.json}, descriptors
 * {@code descriptor_<tool>_<date-time>.json}, the date-time as Python's
 * {@code strftime("%Y-%m-%d_%Hh%Mm%Ss%fms")} writes the local time. Files are created new (a
 * record never replaces another, even written in the same microsecond) and their owner's alone.
 */
final class DataFolder {

  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH'h'mm'm'ss's'SSSSSS'ms'");
  /** Descriptors of the same tool compared with a new one before it is saved again. */
  private static final int MAX_COMPARED = 256;
  /**
   * Entries of the folder read to find a same descriptor: the folder grows with every run (24,590
   * files on the development machine after a week of tests), and reading all of it made every job
   * slower than the last.
   */
  private static final int MAX_SCANNED = 2_000;
  /** Descriptors this process saved or found, by folder, tool and text: later jobs read no listing. */
  private static final int MAX_REMEMBERED = 1_024;
  private static final java.util.Map<String, String> SAVED = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
          return size() > MAX_REMEMBERED;
        }
      });
  private static final int MAX_TRIES = 1000;

  private final Path folder;

  DataFolder(Path folder) {
    this.folder = folder;
  }

  Path folder() {
    return folder;
  }

  /** The reference's tool name in file names (spaces to '-'); '/' and control characters too, so a name stays one file name. */
  static String toolName(String name) {
    return name.replace(' ', '-').replaceAll("[/\\\\\\p{Cntrl}]", "-");
  }

  /**
   * Saves the descriptor text and returns its file name, or the name of a descriptor of the same
   * tool already saved with the same text (the reference means to reuse one, but never does).
   */
  String saveDescriptor(String toolName, String text) throws IOException {
    OwnerOnly.createFolders(folder);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String prefix = "descriptor_" + toolName + "_";
    String key = folder.toAbsolutePath().normalize() + "\0" + prefix + "\0" + sha256(bytes);
    String known = SAVED.get(key);
    // Checked again: the user may have deleted or changed it since (bosh data delete).
    if (known != null && sameContent(folder.resolve(known), bytes)) {
      return known;
    }
    String name;
    try (Stream<Path> files = Files.list(folder)) {
      name = files.limit(MAX_SCANNED).filter(f -> {
        String n = f.getFileName().toString();
        return n.startsWith(prefix) && n.endsWith(".json");
      }).limit(MAX_COMPARED).filter(f -> sameContent(f, bytes)).map(f -> f.getFileName().toString()).findFirst()
          .orElse(null);
    }
    if (name == null) {
      name = createNew(prefix, bytes).getFileName().toString();
    }
    SAVED.put(key, name);
    return name;
  }

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** Writes a record as {@code <tool>_<date-time>.json}; returns its path and date-time. */
  Path saveRecord(String toolName, LocalDateTime at, java.util.function.Function<String, String> textForStamp)
      throws IOException {
    OwnerOnly.createFolders(folder);
    LocalDateTime t = at.truncatedTo(ChronoUnit.MICROS);
    for (int i = 0; i < MAX_TRIES; i++, t = t.plus(1, ChronoUnit.MICROS)) {
      String stamp = STAMP.format(t);
      Path file = folder.resolve(toolName + "_" + stamp + ".json");
      try {
        write(file, textForStamp.apply(stamp).getBytes(StandardCharsets.UTF_8));
        return file;
      } catch (FileAlreadyExistsException taken) {
        // Same tool, same microsecond: the next one.
      }
    }
    throw new IOException("no free record name for " + toolName + " in " + folder + " after " + MAX_TRIES + " tries");
  }

  /** Writes a record to the file chosen for it: made new (never replacing a file), its parents 0700. */
  static Path saveRecordAs(Path file, String text) throws IOException {
    if (file.getParent() != null) {
      OwnerOnly.createFolders(file.getParent());
    }
    try {
      write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " already exists; a record never replaces a file: choose a new name", e);
    }
    return file;
  }

  private Path createNew(String prefix, byte[] bytes) throws IOException {
    LocalDateTime t = LocalDateTime.now().truncatedTo(ChronoUnit.MICROS);
    for (int i = 0; i < MAX_TRIES; i++, t = t.plus(1, ChronoUnit.MICROS)) {
      Path file = folder.resolve(prefix + STAMP.format(t) + ".json");
      try {
        write(file, bytes);
        return file;
      } catch (FileAlreadyExistsException taken) {
        // next microsecond
      }
    }
    throw new IOException("no free descriptor name " + prefix + "* in " + folder);
  }

  private static boolean sameContent(Path file, byte[] bytes) {
    try {
      return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(file) == bytes.length
          && Arrays.equals(Files.readAllBytes(file), bytes);
    } catch (IOException e) {
      return false;
    }
  }

  /** Creates {@code file} (never through a link, never over a file), 0600, and writes {@code bytes}. */
  private static void write(Path file, byte[] bytes) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    try (OutputStream out = posix
        ? Channels.newOutputStream(Files.newByteChannel(file, options,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))))
        : Channels.newOutputStream(Files.newByteChannel(file, options))) {
      out.write(bytes);
    }
  }
}
