package org.vipboutiques.cli;

/** A command that reads descriptors and invocations. */
abstract class SourcesAware {

  private Sources sources;

  final void sources(Sources sources) {
    this.sources = sources;
  }

  final Sources sources() {
    return sources;
  }
}
