package org.vipboutiques.podman;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;

/**
 * The {@code podman} command this executor runs, and the service it talks to: the {@code
 * podman-host} setting, else {@code CONTAINER_HOST} (as podman itself reads it), else none, and
 * podman runs its containers itself (rootless or rootful, no service needed).
 *
 * @param binary the podman command
 * @param url the service's address ({@code unix:///run/podman/podman.sock}), when there is one
 */
record PodmanCli(String binary, Optional<String> url) {

  /** What a short podman command printed, and its exit code. */
  record Output(int exitCode, String stdout, String stderr) {

    /** The last line of stderr, podman's error when the command failed. */
    String lastErrorLine() {
      List<String> lines = stderr.strip().lines().toList();
      return lines.isEmpty() ? "exit code " + exitCode : lines.get(lines.size() - 1).strip();
    }
  }

  static PodmanCli of(ExecutorConfig config) throws ExecutorUnavailableException {
    String binary = config.setting("binary").or(() -> onPath("podman"))
        .orElseThrow(() -> new ExecutorUnavailableException("podman is not on the PATH here; install Podman"
            + " (Debian: apt-get install podman), set the podman executor's binary setting, or use the docker"
            + " executor"));
    Optional<String> url = config.setting("podman-host")
        .or(() -> Optional.ofNullable(System.getenv("CONTAINER_HOST"))).filter(u -> !u.isBlank()).map(String::strip);
    return new PodmanCli(binary, url);
  }

  private static Optional<String> onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  /** Where the containers run, for messages. */
  String where() {
    return url.map(u -> "the Podman service at " + u).orElse("the local podman (" + binary + ")");
  }

  /** {@code podman [--url U] ARGS...}. */
  List<String> command(List<String> arguments) {
    List<String> argv = new ArrayList<>();
    argv.add(binary);
    url.ifPresent(u -> {
      argv.add("--url");
      argv.add(u);
    });
    argv.addAll(arguments);
    return argv;
  }

  /** A process for {@code podman ARGS...}, not started; CONTAINER_HOST left out when the URL is given. */
  ProcessBuilder process(List<String> arguments) {
    ProcessBuilder pb = new ProcessBuilder(command(arguments));
    if (url.isPresent()) {
      // podman reads CONTAINER_HOST as a second URL; --url is the one meant
      pb.environment().remove("CONTAINER_HOST");
    }
    return pb;
  }

  /** Runs a short podman command to its end (stdin closed), within {@code limit}. */
  Output run(List<String> arguments, Duration limit) throws IOException, InterruptedException {
    Process p = process(arguments).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException("podman " + String.join(" ", arguments.subList(0, Math.min(2, arguments.size())))
          + " did not end within " + limit.toSeconds() + " s");
    }
    return new Output(p.exitValue(), out.join(), err.join());
  }

  private static String read(InputStream in) {
    try (in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        // bounded: these are podman's own short answers (ps, inspect, kill), never a tool's output
        if (bytes.size() < (4 << 20)) {
          bytes.write(buffer, 0, n);
        }
      }
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
