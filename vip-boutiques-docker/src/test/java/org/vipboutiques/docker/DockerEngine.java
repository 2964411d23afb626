package org.vipboutiques.docker;

import org.vipboutiques.testing.conditions.Docker;

/**
 * The Docker engine tests run against ({@link Docker#host()}: DOCKER_HOST, else the one
 * scripts/docker-up.sh starts) and their image. Tests that need it are annotated
 * {@link org.vipboutiques.testing.conditions.EnabledIfDocker @EnabledIfDocker}.
 */
final class DockerEngine {

  static final String TEST_IMAGE = Docker.testImage();

  private DockerEngine() {}

  static String host() {
    return Docker.host();
  }
}
