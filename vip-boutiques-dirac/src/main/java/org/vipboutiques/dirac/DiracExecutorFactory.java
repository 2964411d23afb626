package org.vipboutiques.dirac;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorFactory;
import org.vipboutiques.execution.ExecutorUnavailableException;

/**
 * The {@code dirac} executor: grid jobs through DiracX ({@code transport=diracx}, the default
 * when a {@code url} setting or {@code DIRACX_URL} is present) or DIRAC's command line
 * ({@code transport=cli}).
 */
public final class DiracExecutorFactory implements ExecutorFactory {

  @Override
  public String name() {
    return "dirac";
  }

  @Override
  public String description() {
    return "DIRAC grid jobs (DiracX REST API or the DIRAC command line)";
  }

  /** {@link DiracSettings#KNOWN}. */
  @Override
  public Set<String> knownSettings() {
    return DiracSettings.KNOWN;
  }

  @Override
  public Optional<JobExecutor> create(ExecutorConfig config) throws ExecutorUnavailableException {
    if (!config.name().equals(name())) {
      return Optional.empty();
    }
    DiracSettings settings;
    try {
      settings = DiracSettings.of(config.settings());
    } catch (IllegalArgumentException e) {
      throw new ExecutorUnavailableException("dirac executor: " + e.getMessage(), e);
    }
    if (settings.transport().equals("diracx")) {
      if (settings.url().isEmpty()) {
        throw new ExecutorUnavailableException("dirac executor: the diracx transport needs the DiracX URL (set the"
            + " url setting or DIRACX_URL), or choose transport=cli");
      }
      String envToken = settings.environment().get("DIRACX_ACCESS_TOKEN");
      if ((envToken == null || envToken.isBlank()) && !Files.isRegularFile(settings.tokenFile())) {
        throw new ExecutorUnavailableException("dirac executor: no DiracX credentials at " + settings.tokenFile()
            + "; log in first with `vip-boutiques dirac login` (or set token-file / DIRACX_CREDENTIALS_PATH)");
      }
    } else {
      Optional<Path> script = settings.diracEnvScript();
      if (script.isPresent() && !Files.isReadable(script.get())) {
        throw new ExecutorUnavailableException("dirac executor: the DIRAC environment script " + script.get()
            + " cannot be read; check the dirac-env-script setting");
      }
      if (script.isEmpty() && onPath("dirac-wms-job-submit").isEmpty()) {
        throw new ExecutorUnavailableException("dirac executor: dirac-wms-job-submit is not on PATH; install DIRAC's"
            + " client and set dirac-env-script to its diracosrc, or use transport=diracx with a url");
      }
    }
    try {
      return Optional.of(DiracExecutor.create(config));
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new ExecutorUnavailableException("dirac executor: " + e.getMessage(), e);
    }
  }

  static Optional<Path> onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, command);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
