package org.vipboutiques.execution.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vipboutiques.descriptor.ContainerImage;
import org.vipboutiques.descriptor.ContainerType;
import org.vipboutiques.execution.JobRejectedException;

/** A Singularity image's container-opts under the same container-opts-allow policy as Docker's. */
class SingularityOptionsTest {

  static List<String> parse(Set<OptionAllowance> allowed, String... options) throws JobRejectedException {
    return SingularityOptions.parse(List.of(options), allowed, "apptainer");
  }

  static ContainerImage image(ContainerType type, String name, List<String> options) {
    return new ContainerImage(type, Optional.of(name), Optional.empty(), Optional.empty(), options, Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  @Test
  void optionsThatOnlyNarrowTheContainerPassAsSeparateWords() throws Exception {
    assertEquals(List.of("--contain", "--no-home", "--fakeroot", "--env", "A=1", "--network", "none", "--nv",
        "--writable-tmpfs", "--hostname", "tool"),
        parse(Set.of(), "--contain --no-home", "--fakeroot", "--env 'A=1'", "--network=none", "--gpus all", "--nv",
            "--runtime=nvidia", "--writable-tmpfs", "--hostname tool"));
  }

  @Test
  void whatReachesBeyondTheJobFolderNeedsTheSameAllowanceAsWithDocker() throws Exception {
    for (String[] c : List.of(new String[] {"-B /etc:/x", "host-mounts"}, new String[] {"--bind=/etc", "host-mounts"},
        new String[] {"--home /srv", "host-mounts"}, new String[] {"--overlay o.img", "host-mounts"},
        new String[] {"--writable", "host-mounts"}, new String[] {"--env TOKEN", "caller-env"},
        new String[] {"--network host", "network"}, new String[] {"--keep-privs", "privileged"})) {
      JobRejectedException e = assertThrows(JobRejectedException.class, () -> parse(Set.of(), c[0]), c[0]);
      assertTrue(e.getMessage().startsWith("container-opts: \"" + c[0] + "\"")
          && e.getMessage().contains("container-opts-allow=" + c[1]), e.getMessage());
      parse(EnumSet.allOf(OptionAllowance.class), c[0]);
    }
    assertEquals(List.of("-B", "/data:/data:ro"), parse(Set.of(OptionAllowance.HOST_MOUNTS), "-B /data:/data:ro"));
  }

  @Test
  void anyOtherOptionIsNotSupported() {
    for (String o : List.of("--label 'a;touch /tmp/x'", "--security seccomp:unconfined", "--add-caps ALL",
        "-v /etc:/x", "--bind")) {
      JobRejectedException e = assertThrows(JobRejectedException.class, () -> parse(EnumSet.allOf(OptionAllowance.class), o), o);
      assertTrue(e.getMessage().contains("is not supported by the apptainer executor")
          || e.getMessage().contains("needs a value"), e.getMessage());
    }
  }

  @Test
  void wordsFollowTheImagesSyntax() throws Exception {
    ContainerImage docker = image(ContainerType.DOCKER, "t", List.of("-e 'X=a;touch${IFS}/tmp/x'", "--shm-size='1g'"));
    assertEquals(List.of("-e", "X=a;touch${IFS}/tmp/x", "--shm-size=1g"),
        ContainerOptionWords.of(docker, Set.of(), "slurm"));
    ContainerImage labelled = image(ContainerType.DOCKER, "t", List.of("--label 'a;touch /tmp/x'"));
    JobRejectedException e = assertThrows(JobRejectedException.class,
        () -> ContainerOptionWords.of(labelled, EnumSet.allOf(OptionAllowance.class), "slurm"));
    assertTrue(e.getMessage().contains("\"--label\" is not supported by the slurm executor"), e.getMessage());
    ContainerImage sif = image(ContainerType.SINGULARITY, "t.sif", List.of("-B /etc"));
    assertThrows(JobRejectedException.class, () -> ContainerOptionWords.of(sif, Set.of(), "slurm"));
  }
}
