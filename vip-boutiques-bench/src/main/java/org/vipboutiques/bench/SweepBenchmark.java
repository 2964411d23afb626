package org.vipboutiques.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.sweep.InvalidSweepException;
import org.vipboutiques.sweep.Sweep;
import org.vipboutiques.sweep.SweepPlan;

/**
 * Expanding and checking a 10,000-combination sweep (issue 14's target: under 1 s): 100 zipped
 * pairs of files (vip:dot) crossed with 100 fractions, each combination checked against every
 * invocation rule, its command line built and its outputs kept in the job folder.
 * {@code tenThousand} is warm (average over iterations), {@code tenThousandCold} a fresh JVM's first run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SweepBenchmark {

  static final String TOOL = "{\"name\": \"bet\", \"description\": \"brain extraction\", \"tool-version\": \"6\","
      + " \"schema-version\": \"0.5\", \"command-line\": \"bet [INFILE] [MASKFILE] [FRAC] [VERBOSE] [OUT]\","
      + " \"inputs\": ["
      + "{\"id\": \"infile\", \"name\": \"in\", \"type\": \"File\", \"value-key\": \"[INFILE]\"},"
      + "{\"id\": \"mask\", \"name\": \"mask\", \"type\": \"File\", \"value-key\": \"[MASKFILE]\","
      + " \"command-line-flag\": \"-m\"},"
      + "{\"id\": \"frac\", \"name\": \"f\", \"type\": \"Number\", \"value-key\": \"[FRAC]\", \"command-line-flag\": \"-f\","
      + " \"minimum\": 0, \"maximum\": 1, \"optional\": true, \"default-value\": 0.5},"
      + "{\"id\": \"verbose\", \"name\": \"v\", \"type\": \"Flag\", \"value-key\": \"[VERBOSE]\","
      + " \"command-line-flag\": \"-v\", \"optional\": true},"
      + "{\"id\": \"prefix\", \"name\": \"p\", \"type\": \"String\", \"value-key\": \"[PREFIX]\", \"optional\": true,"
      + " \"default-value\": \"brain\"}],"
      + " \"output-files\": [{\"id\": \"out\", \"name\": \"o\", \"path-template\": \"[PREFIX]_[INFILE].nii.gz\","
      + " \"path-template-stripped-extensions\": [\".nii.gz\", \".nii\"], \"value-key\": \"[OUT]\"}],"
      + " \"custom\": {\"vip:dot\": [\"infile\", \"mask\"]}}";

  private Boutiques boutiques;
  private Descriptor descriptor;
  private List<String> infiles;
  private List<String> masks;
  private List<Double> fracs;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    boutiques = Boutiques.create();
    descriptor = boutiques.load(boutiques.parser().parseObject(TOOL, "bet"), "bet");
    infiles = new ArrayList<>();
    masks = new ArrayList<>();
    fracs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      infiles.add("subjects/sub-" + i + "/anat.nii.gz");
      masks.add("subjects/sub-" + i + "/mask.nii.gz");
      fracs.add(i / 100.0);
    }
  }

  @Benchmark
  public SweepPlan tenThousand() throws InvalidSweepException {
    SweepPlan plan = Sweep.builder(descriptor).boutiques(boutiques).values("infile", infiles).values("mask", masks)
        .values("frac", fracs).plan();
    if (plan.size() != 10_000) {
      throw new IllegalStateException("expected 10,000 combinations, got " + plan.size());
    }
    return plan;
  }

  /**
   * The same from a fresh JVM, once (JMH single shot, one per fork): the first sweep a command
   * plans, classes loaded and code not yet compiled, as {@code vip-boutiques sweep} meets it (the
   * JVM's own start and the descriptor's loading excluded).
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(10)
  public SweepPlan tenThousandCold() throws InvalidSweepException {
    return tenThousand();
  }

  /** A quick figure without JMH: {@code java -cp benchmarks.jar org.vipboutiques.bench.SweepBenchmark [runs]}. */
  public static void main(String[] args) throws Exception {
    SweepBenchmark b = new SweepBenchmark();
    long setup = System.nanoTime();
    b.setUp();
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    // CPU time beside wall time: on a loaded machine the wall time says more about the load.
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      b.tenThousand();
      System.out.printf("run %d: %.0f ms wall, %.0f ms CPU of this thread%s%n", i + 1, (System.nanoTime() - t) / 1e6,
          (threads.getCurrentThreadCpuTime() - cpu) / 1e6,
          i == 0 ? " (cold, " + (t - setup) / 1_000_000 + " ms of set-up before)" : "");
    }
  }
}
