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
import org.vipboutiques.Boutiques;
import org.vipboutiques.invocation.InvalidInvocationException;

/**
 * One case of the corpus per operation: defaults, every invocation rule, then the command line,
 * output paths and configuration files, in microseconds per case. The reference takes about
 * 15 ms per simulation in-process.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulationBenchmark {

  private Boutiques boutiques;
  private Corpus corpus;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    boutiques = Boutiques.create();
    corpus = new Corpus(boutiques);
  }

  @State(Scope.Thread)
  public static class PerItem {
    int next;
  }

  @Benchmark
  public Object perCase(PerItem item) throws InvalidInvocationException {
    Corpus.Case c = corpus.cases.get(item.next++ % corpus.cases.size());
    return boutiques.simulate(c.descriptor(), c.invocation());
  }
}
