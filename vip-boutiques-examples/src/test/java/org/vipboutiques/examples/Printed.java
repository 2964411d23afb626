package org.vipboutiques.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What an example prints on System.out, which is how the docs' examples show their results. */
final class Printed {

  /** An example's body. */
  @FunctionalInterface
  interface Example {
    void run() throws Exception;
  }

  private Printed() {
  }

  static String by(Example example) throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      example.run();
    } finally {
      System.setOut(out);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
