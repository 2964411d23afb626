package org.vipboutiques.descriptor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The container a tool runs in.
 *
 * @param image the image name (docker and singularity images)
 * @param index the registry or index, e.g. {@code docker://} or {@code docker.io}
 * @param containerOpts options the descriptor asks the runtime for, e.g. {@code --gpus all}
 * @param url where a rootfs image is (rootfs images only)
 */
public record ContainerImage(
    ContainerType type,
    Optional<String> image,
    Optional<String> index,
    Optional<Boolean> entrypoint,
    List<String> containerOpts,
    Optional<String> workingDirectory,
    Optional<String> containerHash,
    Optional<String> url) {

  public ContainerImage {
    Objects.requireNonNull(type, "type");
    containerOpts = List.copyOf(containerOpts);
  }
}
