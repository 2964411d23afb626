package org.vipboutiques.cache;

import java.util.Optional;
import org.vipboutiques.execution.JobRequest;

/**
 * Implemented by an executor that can say which image a request's container would run on it: the
 * image it would use (its own override included) and the engine's id or digest for it. The result
 * cache puts it in the key, so a rebuilt or re-pulled image under the same name misses.
 */
public interface ImageIdentity {

  /** The image and its id or digest (e.g. {@code tool:1@sha256:...}), or empty when this executor cannot tell. */
  Optional<String> imageIdentity(JobRequest request);
}
