package org.vipboutiques.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.JobExecutors;
import org.vipboutiques.execution.JobRequest;
import org.vipboutiques.execution.JobResult;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.provenance.DataCollection;
import org.vipboutiques.provenance.ProvenanceRecords;

/**
 * The provenance record's cost: a local job writing {@code files} output files of 1 KiB, as one
 * output folder (hashed recursively) and as a glob output matching each file, with the record and
 * without it (medians of {@code runs}), and the record's size.
 *
 * <pre>
 * java -cp vip-boutiques-bench/target/benchmarks.jar org.vipboutiques.bench.ProvenanceOverhead [files] [runs]
 * </pre>
 */
public final class ProvenanceOverhead {

  private ProvenanceOverhead() {}

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path base = Files.createTempDirectory("vipb-provenance-bench");
    Boutiques boutiques = Boutiques.create();
    String make = "mkdir -p out; i=0; while [ $i -lt " + files + " ]; do head -c 1024 /dev/urandom > out/f$i.txt;"
        + " i=$((i+1)); done";
    System.out.printf(Locale.ROOT, "machine: %d cores, %s; %d output files of 1 KiB, median of %d runs%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), files, runs);
    for (String shape : List.of("folder", "glob")) {
      String pathTemplate = shape.equals("folder") ? "out" : "out/*.txt";
      Descriptor tool = boutiques.load(boutiques.parser().parseObject("{\"name\": \"many outputs\", \"description\": \"d\","
          + " \"tool-version\": \"1\", \"schema-version\": \"0.5\", \"command-line\": \"" + make + " [A]\","
          + " \"inputs\": [{\"id\": \"a\", \"name\": \"a\", \"type\": \"String\", \"value-key\": \"[A]\","
          + " \"optional\": true}], \"output-files\": [{\"id\": \"out\", \"name\": \"out\", \"path-template\": \""
          + pathTemplate + "\"}]}", "many"), "many");
      Invocation invocation = boutiques.invocation(tool, JsonObject.EMPTY);
      try (JobExecutor local = JobExecutors.create(ExecutorConfig.builder("local").baseDirectory(base.resolve(shape)).build())) {
        List<Long> with = new ArrayList<>();
        List<Long> without = new ArrayList<>();
        long size = 0;
        JobResult last = null;
        for (int i = 0; i < runs + 1; i++) {
          long t0 = System.nanoTime();
          local.submit(JobRequest.builder(tool, invocation).skipDataCollection().build()).await();
          long t1 = System.nanoTime();
          JobResult r = local.submit(JobRequest.builder(tool, invocation)
              .dataCollection(DataCollection.defaults().inDirectory(base.resolve("data"))).build()).await();
          long t2 = System.nanoTime();
          if (!r.succeeded()) {
            throw new IllegalStateException("the job failed: " + r);
          }
          if (i > 0) { // the first pair warms up
            without.add(t1 - t0);
            with.add(t2 - t1);
            size = Files.size(ProvenanceRecords.recordOf(r.workDirectory()).orElseThrow());
            last = r;
          }
        }
        // The record alone, written again for the last job (its marker removed), away from the tool's noise.
        List<Long> alone = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          Files.delete(last.workDirectory().resolve(".vipb-provenance-record"));
          long t0 = System.nanoTime();
          ProvenanceRecords.write("local", last);
          alone.add(System.nanoTime() - t0);
        }
        System.out.printf(Locale.ROOT, "%-6s job without record %.1f ms, with record %.1f ms; the record alone %.1f ms,"
            + " %d KiB%n", shape, median(without) / 1e6, median(with) / 1e6, median(alone) / 1e6, size / 1024);
      }
    }
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
