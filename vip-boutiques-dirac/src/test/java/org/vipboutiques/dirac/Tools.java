package org.vipboutiques.dirac;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vipboutiques.Fixtures;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonObject;

/** Descriptors written inline for the DIRAC tests, and executor settings for the test grid. */
public final class Tools {

  private Tools() {}

  /** cat [IN] into [OUT], and print [TEXT]: a File input, a String input, one required output. */
  public static Descriptor catTool() {
    return Fixtures.descriptor("cat [IN] > [OUT]; echo [TEXT]",
        "[{\"id\": \"in\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[IN]\"},"
            + " {\"id\": \"text\", \"name\": \"text\", \"type\": \"String\", \"value-key\": \"[TEXT]\"},"
            + " {\"id\": \"out\", \"name\": \"out\", \"type\": \"String\", \"value-key\": \"[OUT]\"}]",
        null, "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
  }

  /** echo [TEXT] into [OUT]. */
  public static Descriptor echoTool() {
    return Fixtures.descriptor("echo [TEXT] > [OUT]; echo done [TEXT]",
        "[{\"id\": \"text\", \"name\": \"text\", \"type\": \"String\", \"value-key\": \"[TEXT]\"},"
            + " {\"id\": \"out\", \"name\": \"out\", \"type\": \"String\", \"value-key\": \"[OUT]\"}]",
        null, "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
  }

  /** A GPU tool in a docker container, with resources. */
  public static Descriptor gpuTool() throws Exception {
    JsonObject d = Fixtures.descriptorJson("echo [TEXT] > [OUT]",
        "[{\"id\": \"text\", \"name\": \"text\", \"type\": \"String\", \"value-key\": \"[TEXT]\"},"
            + " {\"id\": \"out\", \"name\": \"out\", \"type\": \"String\", \"value-key\": \"[OUT]\"}]",
        null, "[{\"id\": \"result\", \"name\": \"r\", \"path-template\": \"[OUT]\"}]");
    d = d.with("container-image", Fixtures.json("{\"type\": \"docker\", \"image\": \"vipb/gpu-tool:1\"}"))
        .with("custom", Fixtures.json("{\"vip:gpu\": {\"count\": 2, \"policy\": \"required\"}}"))
        .with("suggested-resources", Fixtures.json("{\"cpu-cores\": 4, \"ram\": 7.5, \"walltime-estimate\": 3600}"));
    return Fixtures.BOUTIQUES.load(d, "gpu");
  }

  public static Invocation invocation(Descriptor d, String json) throws Exception {
    return Fixtures.BOUTIQUES.invocation(d, Fixtures.json(json));
  }

  public static JobRequest request(Descriptor d, String json) throws Exception {
    return JobRequest.builder(d, invocation(d, json)).build();
  }

  /** JobExecutor settings for a DiracX test grid. */
  public static Map<String, String> diracx(String url, Path credentials) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("transport", "diracx");
    s.put("url", url);
    s.put("token-file", credentials.toString());
    s.put("poll-interval", "100ms");
    s.put("http-timeout", "5s");
    s.put("max-retry-wait", "2s");
    s.put("container", "none");
    return s;
  }

  /** JobExecutor settings for the command-line transport on a test grid. */
  public static Map<String, String> cli(Path envScript) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("transport", "cli");
    s.put("dirac-env-script", envScript.toString());
    s.put("poll-interval", "300ms");
    s.put("container", "none");
    return s;
  }

  public static ExecutorConfig config(Path base, Map<String, String> settings) {
    return ExecutorConfig.builder("dirac").baseDirectory(base).settings(settings).build();
  }
}
