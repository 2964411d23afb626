package org.vipboutiques.dirac.diracx;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.vipboutiques.dirac.DiracAuthException;

/**
 * The credentials file shared with DiracX's Python client ({@code DIRACX_CREDENTIALS_PATH},
 * default {@code ~/.cache/diracx/credentials.json}): read and written whole, mode 0600, under a
 * lock so that two Java processes sharing it never reuse a rotated refresh token. (Java locks
 * with {@code fcntl}, the Python client with {@code flock}; between a Java and a Python process
 * the re-read before each refresh is what avoids the reuse.)
 */
public final class CredentialsFile {

  private final Path file;

  public CredentialsFile(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  public Path path() {
    return file;
  }

  /** Runs {@code action} holding the file's lock. */
  public <T> T locked(LockedAction<T> action) throws DiracAuthException {
    try {
      Files.createDirectories(file.getParent());
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        return action.run();
      }
    } catch (IOException e) {
      throw new DiracAuthException("cannot lock the credentials file " + file + ": " + e.getMessage(), e);
    }
  }

  /** An action run under the lock. */
  @FunctionalInterface
  public interface LockedAction<T> {
    T run() throws DiracAuthException;
  }

  /** The credentials in the file, when there is a readable one. */
  public Optional<Credentials> read() throws DiracAuthException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
      if (!o.has("access_token")) {
        throw new DiracAuthException("the credentials file " + file + " holds no access_token; log in again with"
            + " `vip-boutiques dirac login`");
      }
      Optional<String> refresh = o.has("refresh_token") && !o.get("refresh_token").isJsonNull()
          ? Optional.of(o.get("refresh_token").getAsString()) : Optional.empty();
      long expires = o.has("expires_on") && !o.get("expires_on").isJsonNull() ? o.get("expires_on").getAsLong()
          : Long.MAX_VALUE;
      return Optional.of(new Credentials(o.get("access_token").getAsString(), refresh, expires));
    } catch (IOException | RuntimeException e) {
      throw new DiracAuthException("cannot read the credentials file " + file + ": " + e.getMessage()
          + "; log in again with `vip-boutiques dirac login`", e);
    }
  }

  /** Replaces the file's content atomically, mode 0600. */
  public void write(Credentials c) throws DiracAuthException {
    JsonObject o = new JsonObject();
    o.addProperty("access_token", c.accessToken());
    c.refreshToken().ifPresent(r -> o.addProperty("refresh_token", r));
    o.addProperty("expires_on", c.expiresOn());
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, o.toString(), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new DiracAuthException("cannot write the credentials file " + file + ": " + e.getMessage(), e);
    }
  }
}
