package org.vipboutiques.examples;

// tag::readme[]
import java.nio.file.Path;
import java.util.Map;
import org.vipboutiques.Boutiques;
import org.vipboutiques.BoutiquesException;
import org.vipboutiques.InvalidDescriptorException;
import org.vipboutiques.commandline.Simulation;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.invocation.Invocation;
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
      Invocation inv = boutiques.invocation(bet, Map.of(                  // defaults + every rule
          "infile", Path.of("t1.nii.gz"), "maskfile", "brain", "fractional_intensity", 0.4));
      Simulation run = boutiques.simulate(bet, inv);
      System.out.println(run.commandLine());                            // as bosh exec simulate
      System.out.println(run.outputFiles());                            // output id -> path
      bet.gpu().ifPresent(gpu -> System.out.println("needs " + gpu.count() + " GPU(s)"));
    } catch (InvalidDescriptorException e) {                            // each error: rule, ids, message
      e.report().errors().forEach(err -> System.err.println(err.rule().code() + " " + err.ids() + ": " + err.message()));
    } catch (BoutiquesException e) {                                    // any other: what, where, how to fix
      System.err.println(e.getMessage());
    }
    // end::readme[]
  }
}
