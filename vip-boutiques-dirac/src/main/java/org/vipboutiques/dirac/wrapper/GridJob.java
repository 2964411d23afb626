package org.vipboutiques.dirac.wrapper;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vipboutiques.dirac.jdl.Jdl;
import org.vipboutiques.execution.job.PreparedJob;

/**
 * One invocation made ready for the grid: its key (the JDL's JobName and the wrapper's
 * argument), its prepared job folder, its JDL (without {@code InputSandbox}), and the files the
 * wrapper needs on the worker, by path under {@code vipb/<key>/}.
 *
 * @param descriptorJson the descriptor, shipped once per sandbox as {@code vipb-descriptor.json}
 * @param descriptorDigest groups jobs of one descriptor into shared sandboxes
 * @param shippedInputs local inputs whose content goes into the sandbox (read when it is made)
 * @param fingerprint the request's identity (descriptor, invocation, name, options), to recognise
 *     a job an earlier run already submitted
 */
public record GridJob(String key, PreparedJob prepared, Jdl jdl, Map<String, byte[]> files, byte[] descriptorJson,
    String descriptorDigest, List<LfnInput> lfnInputs, List<ShippedInput> shippedInputs, String fingerprint) {

  public GridJob {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(jdl, "jdl");
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    Objects.requireNonNull(descriptorJson, "descriptorJson");
    Objects.requireNonNull(descriptorDigest, "descriptorDigest");
    lfnInputs = List.copyOf(lfnInputs);
    shippedInputs = List.copyOf(shippedInputs);
    Objects.requireNonNull(fingerprint, "fingerprint");
  }
}
