package org.vipboutiques.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;

/**
 * One docker-java client per executor, made on first use: the engine named by the
 * {@code docker-host} setting, else {@code DOCKER_HOST}, else the default Unix socket.
 */
final class DockerConnection implements AutoCloseable {

  private final String host;
  private volatile DockerClient client;

  DockerConnection(ExecutorConfig config) {
    this.host = config.setting("docker-host")
        .or(() -> java.util.Optional.ofNullable(System.getenv("DOCKER_HOST")))
        .or(() -> java.util.Optional.ofNullable(System.getenv("VIPB_DEFAULT_DOCKER_HOST"))
            .filter(h -> java.nio.file.Files.exists(java.nio.file.Path.of(h.replaceFirst("^unix://", "")))))
        .orElse("unix:///var/run/docker.sock");
  }

  String host() {
    return host;
  }

  /** The client, if one was made (nothing is connected here). */
  java.util.Optional<DockerClient> madeClient() {
    return java.util.Optional.ofNullable(client);
  }

  /** The client; checks once that the engine answers. */
  DockerClient client() throws ExecutorUnavailableException {
    DockerClient c = client;
    if (c != null) {
      return c;
    }
    synchronized (this) {
      if (client == null) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host).build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(256)
            .connectionTimeout(Duration.ofSeconds(10))
            .build();
        DockerClient made = DockerClientImpl.getInstance(config, http);
        try {
          made.pingCmd().exec();
        } catch (RuntimeException e) {
          try {
            made.close();
          } catch (IOException ignored) {
            // nothing to release
          }
          throw new ExecutorUnavailableException("no Docker engine answers at " + host + " (" + rootMessage(e)
              + "); start one, or set DOCKER_HOST (scripts/docker-up.sh starts one for tests)");
        }
        client = made;
      }
      return client;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  @Override
  public void close() {
    DockerClient c = client;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // closing the connection pool; nothing else to do
      }
    }
  }
}
