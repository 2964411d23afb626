package org.vipboutiques.execution.job;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Job folders and the files the library writes in them are its user's alone, and never written
 * through a link (a link at one of the library's names fails the write): folders are made
 * 0700 and files 0600 (0700 for scripts) as they are created, whatever the process's umask, since
 * they hold environment values, invocations and logs. Permissions are set at creation only: a file
 * that is already there keeps its own. On file systems without POSIX permissions, plain creation.
 */
public final class OwnerOnly {

  private static final FileAttribute<?> FOLDER = PosixFilePermissions.asFileAttribute(
      PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<?> FILE = PosixFilePermissions.asFileAttribute(
      PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<?> SCRIPT = FOLDER;
  // Never through a link: a link a tool left at one of the library's names fails the write.
  private static final Set<OpenOption> REPLACE = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
      StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);

  private OwnerOnly() {}

  /** Makes {@code folder} and its missing parents, each 0700; returns it. */
  public static Path createFolders(Path folder) throws IOException {
    return posix(folder.getFileSystem()) ? Files.createDirectories(folder, FOLDER) : Files.createDirectories(folder);
  }

  /** Writes {@code text} (UTF-8) to {@code file}, made 0600 if it is new. */
  public static void write(Path file, String text) throws IOException {
    write(file, text, FILE);
  }

  /** Writes the script {@code text} (UTF-8) to {@code file}, made 0700 (executable by its owner) if new. */
  public static void writeScript(Path file, String text) throws IOException {
    write(file, text, SCRIPT);
  }

  /** Appends {@code text} (UTF-8) to {@code file} and syncs it, made 0600 if it is new. */
  public static void append(Path file, String text) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.DSYNC, LinkOption.NOFOLLOW_LINKS);
    try (OutputStream out = posix(file.getFileSystem())
        ? Channels.newOutputStream(Files.newByteChannel(file, options, FILE))
        : Channels.newOutputStream(Files.newByteChannel(file, options))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A stream that replaces {@code file}, made 0600 if it is new. */
  public static OutputStream newOutputStream(Path file) throws IOException {
    return posix(file.getFileSystem()) ? Channels.newOutputStream(Files.newByteChannel(file, REPLACE, FILE))
        : Channels.newOutputStream(Files.newByteChannel(file, REPLACE));
  }

  /**
   * Creates {@code file}, which must not exist, 0600, never through a link (a link of that name
   * fails with {@link java.nio.file.FileAlreadyExistsException}), and writes {@code bytes}.
   */
  public static void createNew(Path file, byte[] bytes) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
        LinkOption.NOFOLLOW_LINKS);
    try (OutputStream out = posix(file.getFileSystem())
        ? Channels.newOutputStream(Files.newByteChannel(file, options, FILE))
        : Channels.newOutputStream(Files.newByteChannel(file, options))) {
      out.write(bytes);
    }
  }

  /**
   * Creates the empty file {@code file}, 0600, unless something is already there (made by another
   * process meanwhile, say): a lock file, whose content does not matter.
   */
  public static void createIfAbsent(Path file) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      if (posix(file.getFileSystem())) {
        Files.createFile(file, FILE);
      } else {
        Files.createFile(file);
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // made by another process meanwhile
    }
  }

  /**
   * Deletes a folder (or a file) and what is in it, links removed and never followed; what is
   * already gone is no error (another process may be deleting the same tree).
   *
   * @throws IOException when something in it cannot be deleted: the tree is then not whole
   */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a)
          throws IOException {
        Files.deleteIfExists(f);
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
        if (e instanceof java.nio.file.NoSuchFileException) {
          return java.nio.file.FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public java.nio.file.FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Makes a file this process has just created (e.g. unpacked from an archive) its owner's alone:
   * 0600, or 0700 if {@code executable}.
   */
  public static void restrict(Path file, boolean executable) throws IOException {
    if (posix(file.getFileSystem())) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
    }
  }

  private static void write(Path file, String text, FileAttribute<?> mode) throws IOException {
    if (!posix(file.getFileSystem())) {
      Files.writeString(file, text, StandardCharsets.UTF_8, REPLACE.toArray(OpenOption[]::new));
      return;
    }
    try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file, REPLACE, mode))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static boolean posix(FileSystem fs) {
    return fs.supportedFileAttributeViews().contains("posix");
  }
}
