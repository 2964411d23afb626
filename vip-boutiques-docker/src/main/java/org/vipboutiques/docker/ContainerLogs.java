package org.vipboutiques.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.execution.job.LogCapture;

/**
 * A container's stdout and stderr into a job's captures: followed while the container runs (so
 * listeners see lines live), then completed from the engine's stored log once it has exited.
 *
 * <p>The completion is there because a follow of the log loses output on Docker 20.10: a last
 * line without a newline never comes, and a follow that meets a container as it exits can end
 * without a single frame (about one short-lived container in fifteen here). The stored log is
 * complete once the engine reports the exit; the bytes the follow delivered are skipped, stream
 * by stream, so nothing is written twice.
 */
final class ContainerLogs {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerLogs.class);

  private final DockerClient client;
  private final String containerId;
  /** By stream: 0 stdout, 1 stderr. */
  private final LogCapture[] captures;
  private ResultCallback.Adapter<Frame> follow; // guarded by this
  private final long[] followedBytes = new long[2]; // guarded by this
  private boolean settled; // guarded by this: the follow's late frames are ignored

  ContainerLogs(DockerClient client, String containerId, LogCapture stdout, LogCapture stderr) {
    this.client = client;
    this.containerId = containerId;
    this.captures = new LogCapture[] {stdout, stderr};
  }

  /** Starts following the started container's output. */
  synchronized ContainerLogs follow() {
    if (follow == null) {
      follow = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
          .exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
              followed(frame);
            }
          });
    }
    return this;
  }

  private synchronized void followed(Frame frame) {
    if (settled) {
      return;
    }
    int s = stream(frame);
    write(s, frame.getPayload(), 0);
    followedBytes[s] += frame.getPayload().length;
  }

  private static int stream(Frame frame) {
    return frame.getStreamType() == StreamType.STDERR ? 1 : 0;
  }

  /**
   * Once the container has exited: lets the follow finish (at most {@code wait} for each of the
   * two reads), then writes what it missed from the stored log. Returns the number of bytes
   * recovered that way.
   */
  long complete(Duration wait) throws InterruptedException {
    ResultCallback.Adapter<Frame> followed;
    synchronized (this) {
      followed = follow;
    }
    if (followed != null) {
      followed.awaitCompletion(wait.toMillis(), TimeUnit.MILLISECONDS);
      try {
        followed.close();
      } catch (IOException e) {
        // the follow is over either way
      }
    }
    long[] skip;
    synchronized (this) {
      settled = true;
      skip = followedBytes.clone();
    }
    long[] recovered = {0};
    try {
      client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(false)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              int s = stream(frame);
              byte[] payload = frame.getPayload();
              int from = (int) Math.min(skip[s], payload.length);
              skip[s] -= from;
              if (from < payload.length) {
                write(s, payload, from);
                recovered[0] += payload.length - from;
              }
            }
          }).awaitCompletion(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      // The tool ran; its outcome stands. Say that its log may lack an end.
      LOG.warn("could not read the stored log of container {} (the captured output may lack its end): {}",
          containerId, e.getMessage());
    }
    if (recovered[0] > 0) {
      LOG.debug("the followed log of container {} missed {} bytes, taken from the stored log", containerId,
          recovered[0]);
    }
    return recovered[0];
  }

  private void write(int stream, byte[] payload, int from) {
    try {
      captures[stream].write(payload, from, payload.length - from);
    } catch (IOException e) {
      LOG.warn("could not write the log of container {}: {}", containerId, e.getMessage());
    }
  }
}
