package org.vipboutiques.recon.cli;

import org.vipboutiques.recon.backend.Backend;
import org.vipboutiques.recon.backend.BackendKind;
import org.vipboutiques.recon.backend.BackendSelector;
import picocli.CommandLine.Option;

/** --backend auto|cpu|cuda. */
final class BackendOption {
  @Option(names = "--backend", defaultValue = "auto", paramLabel = "auto|cpu|cuda",
      description = "Back end: auto (CUDA when a GPU is usable, else CPU), cpu, or cuda (fail without a GPU). "
          + "Default: ${DEFAULT-VALUE}.")
  String backend;

  Backend open() {
    return BackendSelector.open(BackendKind.parse(backend));
  }
}
