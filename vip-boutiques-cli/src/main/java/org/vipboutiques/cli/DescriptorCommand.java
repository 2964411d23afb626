package org.vipboutiques.cli;

import org.vipboutiques.zenodo.ZenodoServer;
import picocli.CommandLine.Option;

/** A command that reads descriptors, which may be Zenodo ids (the reference's {@code --sandbox} chooses the server). */
abstract class DescriptorCommand extends SourcesAware {

  @Option(names = "--sandbox",
      description = "Read zenodo.N descriptors from Zenodo's sandbox server instead of production.")
  boolean sandbox;

  @Override
  ZenodoServer server() {
    return ZenodoServer.of(sandbox);
  }
}
