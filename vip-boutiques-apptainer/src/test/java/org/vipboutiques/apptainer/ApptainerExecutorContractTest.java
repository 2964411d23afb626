package org.vipboutiques.apptainer;

import java.nio.file.Files;
import java.nio.file.Path;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.Executor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorContract;
import org.vipboutiques.execution.Executors;

/**
 * The executor contract through the Apptainer executor, with a stand-in {@code apptainer} that runs
 * the command it is given (Apptainer has no Debian package here): the run path and its logs are real.
 */
class ApptainerExecutorContractTest extends ExecutorContract {

  @Override
  protected Executor create(Path jobs) throws Exception {
    Path fake = Files.createDirectories(base.resolve("bin")).resolve("apptainer");
    Files.writeString(fake, "#!/bin/sh\nwhile [ $# -gt 2 ]; do shift; done\nexec \"$1\" \"$2\"\n");
    fake.toFile().setExecutable(true);
    Path images = Files.createDirectories(base.resolve("images"));
    Files.writeString(images.resolve("vip-tool-1.0.simg"), "an image");
    return Executors.create(ExecutorConfig.builder("apptainer").baseDirectory(jobs).setting("binary", fake.toString())
        .setting("image-dir", images.toString()).build());
  }

  @Override
  protected Descriptor tool(String commandLine, String outputs) {
    return Fixtures.textTool(commandLine, outputs, "{\"type\": \"singularity\", \"image\": \"vip/tool:1.0\"}");
  }
}
