package org.vipboutiques.dirac.transport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of an input sandbox, by name: the wrapper, the descriptor and the archive of the
 * per-job files. Several jobs share one.
 */
public record SandboxContent(Map<String, byte[]> files) {

  public SandboxContent {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }
}
