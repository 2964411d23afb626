package org.vipboutiques.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.vipboutiques.zenodo.Pulled;
import org.vipboutiques.zenodo.Zenodo;
import org.vipboutiques.zenodo.ZenodoException;
import org.vipboutiques.zenodo.ZenodoId;
import org.vipboutiques.zenodo.ZenodoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pull [-v] [--sandbox] ZID...}, as {@code bosh pull}. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = {"Ensures that Zenodo descriptors are locally cached, downloading them if needed.",
        "The cache is the reference's: ~/.cache/boutiques/production/zenodo-N.json (sandbox/ with --sandbox);"
            + " a descriptor already there is used as it is, without the network.",
        "Prints nothing unless --verbose; exits 2 for an unknown record, 69 when Zenodo cannot be reached."})
final class PullCommand extends SourcesAware implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "ZID",
      description = "One or more Zenodo IDs for the descriptor(s) to pull, prefixed by 'zenodo.', e.g. zenodo.123456 zenodo.123457")
  List<String> zids;

  @Option(names = {"-v", "--verbose"}, description = "Print information messages")
  boolean verbose;

  @Option(names = "--sandbox", description = "pull from Zenodo's sandbox instead of production server. Recommended for tests.")
  boolean sandbox;

  @Override
  ZenodoServer server() {
    return ZenodoServer.of(sandbox);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<ZenodoId> ids = new ArrayList<>();
    try {
      for (String z : zids) {
        ids.add(ZenodoId.parse(z));
      }
    } catch (ZenodoException e) {
      throw Sources.failure(e);
    }
    if (verbose) {
      List<String> duplicates = new ArrayList<>(zids);
      new LinkedHashSet<>(zids).forEach(duplicates::remove);
      duplicates.forEach(d -> out.println("[ INFO ] Discarded duplicate id " + d));
    }
    Zenodo zenodo = sources().zenodo();
    if (verbose) {
      out.println("[ INFO ] Using Zenodo endpoint " + zenodo.baseUrl());
    }
    for (ZenodoId id : new LinkedHashSet<>(ids)) {
      Pulled pulled;
      try {
        pulled = zenodo.pull(id);
      } catch (ZenodoException e) {
        throw Sources.failure(e);
      }
      if (verbose && pulled.fromCache()) {
        out.println("[ INFO ] Found cached file at " + pulled.file());
      } else if (verbose) {
        out.println("[ INFO ] Downloading descriptor " + pulled.remoteName().orElse(""));
        out.println("[ INFO ] Downloaded descriptor to " + pulled.file());
      }
    }
    return ExitCodes.OK;
  }
}
