package org.vipboutiques.commandline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What running an invocation would do, without running it: the command line, each output's
 * path (by output id, in descriptor order) and the content of each configuration file.
 */
public record Simulation(String commandLine, Map<String, String> outputFiles, Map<String, String> configFiles) {

  public Simulation {
    Objects.requireNonNull(commandLine, "commandLine");
    outputFiles = Collections.unmodifiableMap(new LinkedHashMap<>(outputFiles));
    configFiles = Collections.unmodifiableMap(new LinkedHashMap<>(configFiles));
  }
}
