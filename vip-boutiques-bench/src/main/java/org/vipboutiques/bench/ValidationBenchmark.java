package org.vipboutiques.bench;

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
import org.openjdk.jmh.infra.Blackhole;
import org.vipboutiques.Boutiques;
import org.vipboutiques.json.JsonObject;

/**
 * Validation of every descriptor of the corpus (schema and semantic rules), in microseconds per
 * descriptor: the score of one operation divided by the number of descriptors
 * ({@link #perDescriptor}). The reference takes about 5 ms per validation in-process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidationBenchmark {

  private Boutiques boutiques;
  private Corpus corpus;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    boutiques = Boutiques.create();
    corpus = new Corpus(boutiques);
  }

  /** All descriptors once; see {@link PerItem} for the per-descriptor figure. */
  @Benchmark
  public void corpus(Blackhole bh) {
    for (JsonObject d : corpus.descriptors) {
      bh.consume(boutiques.validate(d, "bench"));
    }
  }

  /** One descriptor per operation, round-robin over the corpus: the per-descriptor time. */
  @State(Scope.Thread)
  public static class PerItem {
    int next;
  }

  @Benchmark
  public Object perDescriptor(PerItem item) {
    JsonObject d = corpus.descriptors.get(item.next++ % corpus.descriptors.size());
    return boutiques.validate(d, "bench");
  }
}
