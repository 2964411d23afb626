package org.vipboutiques.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vipboutiques.execution.FailureKind;

/** Which of podman's own errors are the infrastructure's (retried) and which the request's. */
class PodmanFailuresTest {

  @Test
  void theServiceTheStorageAndTheRuntimeFailingAreTheInfrastructures() {
    for (String line : new String[] {
        "Error: unable to connect to Podman socket: Get \"http://d/v4.3.1/libpod/_ping\": dial unix /run/podman/podman.sock: connect: connection refused",
        "Error: no container with name or ID \"vipb-1\" found: no such container",
        "Error: creating container storage: no space left on device",
        "Error: OCI runtime error: crun: cannot open sd-bus",
        "Error: mounting storage for container vipb-1: input/output error"}) {
      assertEquals(FailureKind.INFRASTRUCTURE, PodmanFailures.kindOf(line), line);
    }
  }

  @Test
  void aRequestThatCannotWorkAsWrittenIsNot() {
    for (String line : new String[] {
        "Error: vipb-nothing:latest: image not known",
        "Error: short-name \"nothing\" did not resolve to an alias",
        "Error: setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=all",
        "Error: OCI runtime error: crun: error setting rlimit type 6: Operation not permitted",
        "Error: crun: executable file not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found",
        "Error: unknown flag: --nothing",
        "Error: something podman never said"}) {
      assertEquals(FailureKind.OTHER, PodmanFailures.kindOf(line), line);
    }
  }
}
