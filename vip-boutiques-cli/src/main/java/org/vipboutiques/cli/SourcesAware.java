package org.vipboutiques.cli;

import org.vipboutiques.zenodo.ZenodoServer;

/** A command that reads descriptors and invocations. */
abstract class SourcesAware {

  private Sources sources;

  final void sources(Sources sources) {
    this.sources = sources;
  }

  final Sources sources() {
    return sources.withServer(server());
  }

  /** The Zenodo server that {@code zenodo.N} arguments are read from. */
  ZenodoServer server() {
    return ZenodoServer.PRODUCTION;
  }
}
