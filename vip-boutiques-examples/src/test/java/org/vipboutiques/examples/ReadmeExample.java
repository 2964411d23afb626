package org.vipboutiques.examples;

// tag::readme[]
import java.nio.file.Path;
import org.vipboutiques.Boutiques;
import org.vipboutiques.InvalidDescriptorException;
import org.vipboutiques.commandline.Simulation;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.json.JsonInputException;
// end::readme[]

/** README.md's example, as the README shows it. */
public final class ReadmeExample {

  private ReadmeExample() {
  }

  public static void main(String[] args) {
    // tag::readme[]
    Boutiques boutiques = Boutiques.create();
    try {
      Descriptor bet = boutiques.load(Path.of("fsl_bet.json"));          // schema + semantic rules
      Invocation inv = boutiques.invocation(bet, Path.of("invocation.json")); // defaults + every rule
      Simulation run = boutiques.simulate(bet, inv);
      System.out.println(run.commandLine());                            // as bosh exec simulate
      System.out.println(run.outputFiles());                            // output id -> path
      bet.gpu().ifPresent(gpu -> System.out.println("needs " + gpu.count() + " GPU(s)"));
    } catch (InvalidDescriptorException e) {
      e.report().errors().forEach(err -> System.err.println(err.rule().code() + " " + err.ids() + ": " + err.message()));
    } catch (InvalidInvocationException e) {
      e.errors().forEach(err -> System.err.println(err.message()));
    } catch (JsonInputException e) {                                  // unreadable, malformed or too big
      System.err.println(e.getMessage());
    }
    // end::readme[]
  }
}
