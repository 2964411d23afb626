package org.vipboutiques.testing.conditions;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

final class NvidiaGpuCondition extends RequirementCondition<EnabledIfNvidiaGpu> {

  static final String REQUIRED_BY = "VIPB_REQUIRE_GPU";

  NvidiaGpuCondition() {
    super(EnabledIfNvidiaGpu.class);
  }

  @Override
  protected Probe probe(EnabledIfNvidiaGpu annotation, ExtensionContext context) {
    return Cached.PROBE;
  }

  @Override
  protected Optional<String> requiredBy(EnabledIfNvidiaGpu annotation, ExtensionContext context) {
    return RequiredBy.isSet(REQUIRED_BY) ? Optional.of(REQUIRED_BY) : Optional.empty();
  }

  private static final class Cached {
    static final Probe PROBE = look();
  }

  /** {@code nvidia-smi -L} on the PATH, listing a GPU. */
  static Probe look() {
    String fix = ": these tests need an NVIDIA GPU and its driver (nvidia-smi on the PATH)";
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      Path smi = Path.of(dir.isEmpty() ? "." : dir, "nvidia-smi");
      if (!Files.isExecutable(smi)) {
        continue;
      }
      try {
        Process p = new ProcessBuilder(smi.toString(), "-L").redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readNBytes(64 * 1024);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return Probe.absent(smi + " -L did not answer within 30 s" + fix);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() == 0 && text.contains("GPU 0")) {
          return Probe.present(smi + ": " + text.lines().findFirst().orElse(""));
        }
        return Probe.absent(smi + " -L found no GPU (" + text.strip().lines().findFirst().orElse("no output") + ")"
            + fix);
      } catch (java.io.IOException e) {
        return Probe.absent("cannot run " + smi + ": " + e.getMessage() + fix);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Probe.absent("interrupted" + fix);
      }
    }
    return Probe.absent("nvidia-smi is not on the PATH" + fix);
  }
}
