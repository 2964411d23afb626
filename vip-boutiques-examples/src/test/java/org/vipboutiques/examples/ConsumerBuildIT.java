package org.vipboutiques.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A new Maven application that follows README.md (src/it/consumer: imports the BOM, depends on
 * core, local and junit), built by a real Maven, the one running this build. Its repository is
 * private (target/consumer-repository: this reactor's artifacts, put there by invoker:install);
 * third-party artifacts come from this build's local repository through a file mirror, so the
 * child builds need no network.
 */
class ConsumerBuildIT {

  private static final Path TARGET = Path.of("target").toAbsolutePath();

  static Stream<String> surefireVersions() {
    return Arrays.stream(System.getProperty("vipb.consumer.surefire.versions", "").split(","))
        .map(String::strip).filter(v -> !v.isEmpty());
  }

  /**
   * SUREFIRE-2299: under 3.5.3 a failing descriptor test reported "Tests run: 0" and BUILD SUCCESS.
   * Under every version here, the passing descriptor test is counted and the failing one fails.
   */
  @ParameterizedTest(name = "Surefire {0}")
  @MethodSource("surefireVersions")
  void aFailingDescriptorTestFailsTheBuildAndAPassingOneIsCounted(String surefire) throws Exception {
    Path project = consumer("descriptor-tests-" + surefire);
    Build build = maven(project, "test", "-Dsurefire.version=" + surefire,
        "-Dtest=DescriptorTest,WrongMd5Test");

    assertNotEquals(0, build.exitCode, build.tail());
    assertTrue(build.output.contains("BUILD FAILURE"), build.tail());
    assertTrue(build.output.contains("maven-surefire-plugin:" + surefire + ":test"), build.tail());
    assertTrue(build.output.contains("Tests run: 2, Failures: 1, Errors: 0, Skipped: 0"), build.tail());
    assertEquals("tests=1 failures=0", counts(project, "org.example.DescriptorTest"));
    assertEquals("tests=1 failures=1", counts(project, "org.example.WrongMd5Test"));
    assertTrue(build.output.contains("a wrong md5 fails"), build.tail());
  }

  /**
   * The README's example compiles unchanged and runs; a tool runs on the local executor and
   * another is cancelled; core and local work from the module path without --add-modules.
   */
  @Test
  void theApplicationBuildsRunsAndWorksOnTheModulePath() throws Exception {
    Path project = consumer("application");
    String surefire = surefireVersions().reduce((a, b) -> b).orElseThrow();
    Build build = maven(project, "verify", "-Dsurefire.version=" + surefire, "-Dtest=!WrongMd5Test");

    assertEquals(0, build.exitCode, build.tail());
    assertTrue(build.output.contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"), build.tail());
    assertEquals("tests=1 failures=0", counts(project, "org.example.ReadmeExampleTest"));
    assertEquals("tests=1 failures=0", counts(project, "org.example.LocalExecutorTest"));

    Path modules = project.resolve("target/modules");
    Map<String, String> moduleOfPackage = new TreeMap<>();
    Set<String> names = new TreeSet<>();
    for (ModuleReference m : ModuleFinder.of(modules).findAll()) {
      String name = m.descriptor().name();
      names.add(name);
      for (String pkg : m.descriptor().packages()) {
        String other = moduleOfPackage.put(pkg, name);
        assertTrue(other == null, "package " + pkg + " is in two modules: " + other + " and " + name);
      }
    }
    assertTrue(names.containsAll(List.of("org.vipboutiques.core", "org.vipboutiques.local",
        "org.vipboutiques.process")), names.toString());
    Path jar = project.resolve("target/boutiques-consumer-1.jar");
    Path src = project.resolve("target/modular/src/demo");
    Files.createDirectories(src.resolve("demo"));
    // core, local and process are automatic modules (Automatic-Module-Name): they cannot require
    // the explicit modules they use, so the application names those; local is found as a service.
    Files.writeString(src.resolve("module-info.java"), """
        module demo {
          requires org.vipboutiques.core;
          requires com.google.gson;
          requires org.slf4j;
          requires org.apache.commons.exec;
        }
        """);
    Files.writeString(src.resolve("demo/Main.java"), """
        package demo;

        import java.nio.file.Path;
        import org.vipboutiques.Boutiques;
        import org.vipboutiques.descriptor.Descriptor;
        import org.vipboutiques.execution.JobExecutor;
        import org.vipboutiques.execution.ExecutorConfig;
        import org.vipboutiques.execution.JobExecutors;
        import org.vipboutiques.execution.JobRequest;
        import org.vipboutiques.execution.JobResult;

        public class Main {
          public static void main(String[] args) throws Exception {
            Boutiques boutiques = Boutiques.create();
            Descriptor counter = boutiques.load(Path.of("descriptors/counter.json"));
            String input = Path.of("descriptors/three-lines.txt").toAbsolutePath().toString();
            var invocation = boutiques.invocation(counter,
                boutiques.parser().parseObject("{\\"input\\": \\"" + input + "\\"}", "args"));
            try (JobExecutor local = JobExecutors.create(ExecutorConfig.builder("local")
                .baseDirectory(Path.of("target/modular/jobs")).build())) {
              var job = local.submit(JobRequest.builder(counter, invocation).build());
              JobResult r = job.await();
              // The job is the back end's own (the executor is the retries in front of it, in core).
              System.out.println(Main.class.getModule().getName() + " " + r.state() + " "
                  + Boutiques.class.getModule().getName() + " " + job.getClass().getModule().getName());
            }
          }
        }
        """);
    Path classes = project.resolve("target/modular/classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled = javac.run(null, null, null, "-d", classes.toString(), "--module-path", modules.toString(),
        "--module-source-path", project.resolve("target/modular/src").toString(), "--module", "demo");
    assertEquals(0, compiled, "javac on the module path");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process run = new ProcessBuilder(java.toString(), "--module-path",
        modules + File.pathSeparator + classes.resolve("demo"), "--module", "demo/demo.Main")
        .directory(project.toFile()).redirectErrorStream(true).start();
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, run.waitFor(), out);
    assertTrue(out.contains("demo SUCCEEDED org.vipboutiques.core org.vipboutiques.process"), out);
    assertTrue(Files.exists(jar));
  }

  /** The README's java block as a class: its imports on top, the rest the body of a main without throws. */
  static String readmeExampleClass() {
    Markdown.Block block = Markdown.javaBlocks(Markdown.projectRoot().resolve("README.md")).get(0);
    List<String> imports = new ArrayList<>();
    List<String> body = new ArrayList<>();
    for (String line : block.text().split("\n", -1)) {
      (line.startsWith("import ") ? imports : body).add(line);
    }
    return "package org.example;\n\n" + String.join("\n", imports) + "\n\npublic final class ReadmeExample {\n"
        + "  public static void main(String[] args) {\n"
        + body.stream().map(l -> l.isBlank() ? "" : "    " + l).collect(Collectors.joining("\n"))
        + "\n  }\n}\n";
  }

  private static String version() {
    return System.getProperty("vipb.project.version");
  }

  /** A fresh copy of the consumer project, its own root (.mvn), under target/consumers. */
  private static Path consumer(String name) throws IOException {
    Path source = Path.of(System.getProperty("vipb.consumer.source"));
    Path copy = TARGET.resolve("consumers").resolve(name);
    if (Files.exists(copy)) {
      try (Stream<Path> old = Files.walk(copy)) {
        old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = copy.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.createDirectories(copy.resolve(".mvn"));
    Path example = copy.resolve("src/main/java/org/example/ReadmeExample.java");
    Files.createDirectories(example.getParent());
    Files.writeString(example, readmeExampleClass());
    return copy;
  }

  record Build(int exitCode, String output) {
    String tail() {
      return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
    }
  }

  private static Build maven(Path project, String... args) throws Exception {
    Path settings = TARGET.resolve("consumer-settings.xml");
    String outer = Path.of(System.getProperty("vipb.outer.repository")).toUri().toString();
    Files.writeString(settings, """
        <settings>
          <mirrors>
            <mirror>
              <id>this-build-repository</id>
              <mirrorOf>*</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
        </settings>
        """.formatted(outer));
    String mavenHome = System.getProperty("vipb.maven.home", "");
    Path mvn = Path.of(mavenHome, "bin", "mvn");
    assertTrue(!mavenHome.isEmpty() && Files.isExecutable(mvn), "no Maven at vipb.maven.home=" + mavenHome
        + ": run this test from Maven (./mvnw verify -pl vip-boutiques-examples -am), which sets it");
    List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-e",
        "-s", settings.toString(),
        "-Dmaven.repo.local=" + System.getProperty("vipb.consumer.repository"),
        "-Dvipboutiques.version=" + version()));
    command.addAll(List.of(args));
    Path log = project.resolve("build.log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("MAVEN_ARGS");
    pb.environment().remove("MAVEN_OPTS");
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the consumer build took more than 10 minutes: " + log);
    }
    return new Build(p.exitValue(), Files.readString(log));
  }

  /** tests= and failures= of a test class's Surefire XML report. */
  private static String counts(Path project, String testClass) throws IOException {
    String xml = Files.readString(project.resolve("target/surefire-reports/TEST-" + testClass + ".xml"));
    Matcher tests = Pattern.compile("<testsuite [^>]*?tests=\"(\\d+)\"").matcher(xml);
    Matcher failures = Pattern.compile("<testsuite [^>]*?failures=\"(\\d+)\"").matcher(xml);
    assertTrue(tests.find() && failures.find(), xml);
    return "tests=" + tests.group(1) + " failures=" + failures.group(1);
  }
}
