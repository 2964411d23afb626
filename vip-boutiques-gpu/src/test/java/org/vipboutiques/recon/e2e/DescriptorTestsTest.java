package org.vipboutiques.recon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.ContainerType;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.GpuPolicy;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.junit.BoutiquesTests;

/**
 * The descriptors in descriptors/ are valid, state their container and GPU needs by the project's
 * convention, and every test they declare passes when run through vip-boutiques' own local
 * executor (descriptor, invocation, command line, process, outputs, MD5 or tolerance checks).
 */
class DescriptorTestsTest {

  @TempDir
  static Path dir;

  @Test
  void descriptorsDeclareTheContainerAndTheGpuConvention() throws Exception {
    List<Path> all = Repository.descriptors();
    assertEquals(6, all.size(), "phantom, project, fbp, fdk, mri, mlem");
    Boutiques boutiques = Boutiques.create();
    for (Path p : all) {
      Descriptor d = boutiques.load(p);
      String name = p.getFileName().toString();
      assertTrue(d.commandLine().startsWith("vip-recon "), name);
      assertEquals(ContainerType.DOCKER, d.containerImage().orElseThrow().type(), name);
      assertEquals("vipboutiques/vip-recon:0.1.0", d.containerImage().orElseThrow().image().orElseThrow(), name);
      assertTrue(d.suggestedResources().isPresent(), name);
      assertFalse(d.tests().isEmpty(), name);
      boolean usesGpu = !name.equals("vip-recon-phantom.json");
      assertEquals(usesGpu, d.gpu().isPresent(), name);
      d.gpu().ifPresent(g -> {
        assertEquals(GpuPolicy.PREFERRED, g.policy(), name + ": the kernels fall back to the CPU");
        assertTrue(g.cudaVersionMin().isPresent(), name);
      });
    }
  }

  @TestFactory
  Stream<DynamicTest> everyDescriptorTestPasses() throws IOException {
    String path = VipReconOnPath.install(dir);
    List<DynamicTest> tests = new ArrayList<>();
    for (Path p : Repository.descriptors()) {
      BoutiquesTests.of(p)
          .executor(ExecutorConfig.builder("local").baseDirectory(dir.resolve("jobs")).maxConcurrentJobs(1).build())
          .requests(b -> b.environment("PATH", path))
          .dynamicTests()
          .map(t -> DynamicTest.dynamicTest(p.getFileName() + ": " + t.getDisplayName(), t.getExecutable()))
          .forEach(tests::add);
    }
    return tests.stream();
  }
}
