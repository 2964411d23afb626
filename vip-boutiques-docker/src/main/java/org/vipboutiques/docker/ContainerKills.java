package org.vipboutiques.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a container was killed by someone else than its executor (a {@code docker kill}, a
 * {@code docker rm -f}, an administrator, an engine restart): the engine's event log holds a
 * {@code kill} event for it. A tool that exits 137 by itself leaves none, and the executor's own
 * kills (cancel, timeout) are known to it, so such an end is told apart from the tool's.
 */
final class ContainerKills {

  private ContainerKills() {}

  /** The signal of a kill of {@code containerId} between {@code since} and now, if there was one. */
  static Optional<String> killSignal(DockerClient client, String containerId, Instant since) {
    AtomicReference<String> signal = new AtomicReference<>();
    ResultCallback.Adapter<Event> events = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Event e) {
        Map<String, String> attributes = e.getActor() == null ? null : e.getActor().getAttributes();
        String s = attributes == null ? null : attributes.get("signal");
        signal.compareAndSet(null, s == null ? "?" : s);
      }
    };
    try {
      client.eventsCmd().withContainerFilter(containerId).withEventFilter("kill")
          .withSince(Long.toString(since.getEpochSecond() - 1))
          .withUntil(Long.toString(Instant.now().getEpochSecond() + 1)).exec(events);
      events.awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      return Optional.empty(); // the engine cannot say: the end stays the tool's
    } finally {
      try {
        events.close();
      } catch (java.io.IOException e) {
        // closed already
      }
    }
    return Optional.ofNullable(signal.get());
  }
}
