package org.vipboutiques.dirac.transport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What became of a submission, by job key (the JDL's JobName): the DIRAC id of each job
 * submitted, the reason for each refused, and the keys whose fate is unknown (no answer came and
 * the transport cannot look them up); those are never submitted again blindly.
 */
public record SubmitResult(Map<String, Long> submitted, Map<String, String> refused, Set<String> unknown) {

  public SubmitResult {
    submitted = Collections.unmodifiableMap(new LinkedHashMap<>(submitted));
    refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    unknown = Collections.unmodifiableSet(new LinkedHashSet<>(unknown));
  }
}
