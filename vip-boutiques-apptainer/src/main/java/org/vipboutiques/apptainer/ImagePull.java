package org.vipboutiques.apptainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.vipboutiques.execution.JobRejectedException;

/**
 * Pulls an image into the image folder under a temporary name, renamed when complete, with a lock
 * folder so that concurrent jobs pull once (as the reference does).
 */
final class ImagePull {

  private ImagePull() {}

  static synchronized void pull(String binary, Path folder, String fileName, String source) throws JobRejectedException {
    Path target = folder.resolve(fileName);
    Path lock = folder.resolve(fileName + "-lock");
    try {
      Files.createDirectories(folder);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
      while (true) {
        try {
          Files.createDirectory(lock);
          break;
        } catch (java.nio.file.FileAlreadyExistsException e) {
          if (Files.exists(target)) {
            return;
          }
          if (System.nanoTime() > deadline) {
            throw new JobRejectedException("another process has held " + lock + " for 30 minutes; remove it if no"
                + " pull is running");
          }
          Thread.sleep(1000);
        }
      }
      try {
        if (Files.exists(target)) {
          return;
        }
        Path tmp = folder.resolve(fileName + ".tmp");
        Process p = new ProcessBuilder(binary, "pull", "--name", tmp.getFileName().toString(), source)
            .directory(folder.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          throw new JobRejectedException("could not pull " + source + " with " + binary + ": "
              + out.lines().reduce((a, b) -> b).orElse("(no output)"));
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(lock);
      }
    } catch (IOException e) {
      throw new JobRejectedException("could not pull " + source + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobRejectedException("interrupted while pulling " + source, e);
    }
  }
}
