package org.vipboutiques.testing.conditions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Docker engine the tests use, found as the docker client finds it: {@code DOCKER_HOST}, else
 * the engine scripts/docker-up.sh starts on its private socket, else {@code /var/run/docker.sock};
 * and the test image ({@code VIPB_TEST_IMAGE}, else {@code vipb-busybox:latest}). The probe speaks
 * the Engine API itself ({@code /_ping}, then the image), so any module's tests can use it without
 * a Docker client library. TLS endpoints ({@code DOCKER_TLS_VERIFY}) are not probed.
 */
public final class Docker {

  /** The socket scripts/docker-up.sh serves. */
  static final String DOCKER_UP_SOCKET = "/run/vipb-docker/docker.sock";
  private static final long TIMEOUT_SECONDS = 10;

  private Docker() {}

  /** Where the engine is expected, as a DOCKER_HOST value. */
  public static String host() {
    String env = System.getenv("DOCKER_HOST");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    if (Files.exists(Path.of(DOCKER_UP_SOCKET))) {
      return "unix://" + DOCKER_UP_SOCKET;
    }
    return "unix:///var/run/docker.sock";
  }

  /** The image every Docker test runs (made from busybox by scripts/docker-up.sh). */
  public static String testImage() {
    return Optional.ofNullable(System.getenv("VIPB_TEST_IMAGE")).filter(s -> !s.isBlank())
        .orElse("vipb-busybox:latest");
  }

  /** Whether the engine answers and has the test image; looked for once per JVM. */
  public static Probe probe() {
    return Cached.PROBE;
  }

  /** Whether the engine answers and has this image (not cached: images are built during a run). */
  public static Probe image(String image) {
    return probe(host(), image);
  }

  private static final class Cached {
    static final Probe PROBE = probe(host(), testImage());
  }

  /** Looks for an engine at {@code host} holding {@code image}. */
  static Probe probe(String host, String image) {
    String fix = ": start one with `eval \"$(scripts/docker-up.sh)\"` (or set DOCKER_HOST)";
    try {
      int ping = status(host, "/_ping");
      if (ping != 200) {
        return Probe.absent("the Docker engine at " + host + " answers /_ping with HTTP " + ping + fix);
      }
      int inspect = status(host, "/images/" + image + "/json");
      if (inspect != 200) {
        return Probe.absent("the Docker engine at " + host + " has no image " + image + " (HTTP " + inspect
            + "): scripts/docker-up.sh makes it");
      }
      return Probe.present("Docker engine at " + host + " with " + image);
    } catch (IOException | RuntimeException e) {
      return Probe.absent("no Docker engine at " + host + " (" + e.getMessage() + ")" + fix);
    }
  }

  /**
   * The HTTP status of a GET of {@code path} from the engine at {@code host}, within a time limit
   * (also Podman's service, which speaks the same API).
   */
  static int status(String host, String path) throws IOException {
    URI uri = URI.create(host);
    String scheme = Optional.ofNullable(uri.getScheme()).orElse("");
    CompletableFuture<Integer> answer;
    if (scheme.equals("unix")) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      answer = CompletableFuture.supplyAsync(() -> {
        try (channel) {
          channel.connect(UnixDomainSocketAddress.of(uri.getPath()));
          channel.write(ByteBuffer.wrap(request(path)));
          return statusOf(Channels.newInputStream(channel));
        } catch (IOException e) {
          throw new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
      });
      return await(answer, channel::close);
    }
    if (scheme.equals("tcp") || scheme.equals("http")) {
      Socket socket = new Socket();
      answer = CompletableFuture.supplyAsync(() -> {
        try (socket) {
          socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()),
              (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
          socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
          OutputStream out = socket.getOutputStream();
          out.write(request(path));
          out.flush();
          return statusOf(socket.getInputStream());
        } catch (IOException e) {
          throw new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
      });
      return await(answer, socket::close);
    }
    throw new IllegalArgumentException("DOCKER_HOST scheme " + scheme + " is not probed here (unix:// or tcp://)");
  }

  private interface Closer {
    void close() throws IOException;
  }

  private static int await(CompletableFuture<Integer> answer, Closer closer) throws IOException {
    try {
      return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      closer.close();
      throw new IOException("no answer within " + TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closer.close();
      throw new IOException("interrupted");
    } catch (ExecutionException e) {
      throw new IOException(e.getCause().getMessage(), e.getCause());
    }
  }

  private static byte[] request(String path) {
    return ("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** The status code of the response's first line ({@code HTTP/1.1 200 OK}). */
  private static int statusOf(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0 && b != '\n' && line.size() < 256; b = in.read()) {
      line.write(b);
    }
    String[] parts = line.toString(StandardCharsets.US_ASCII).strip().split(" ");
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP answer: \"" + line.toString(StandardCharsets.US_ASCII).strip() + "\"");
    }
    return Integer.parseInt(parts[1]);
  }
}
