package org.vipboutiques.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import org.vipboutiques.Boutiques;

/** The {@code vip-boutiques} command. */
@Command(
    name = "vip-boutiques",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Validate Boutiques tool descriptors, check invocations and build their command lines.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success; everything checked is valid",
        "1:a descriptor or an invocation is invalid",
        "2:usage error (unknown option, missing file, no such Zenodo record)",
        "69:Zenodo could not be reached or failed, and the descriptor is not cached"})
public final class Main implements Runnable {

  /** The subcommands, by name; see {@link #commandLine}. */
  private static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("validate", ValidateCommand.class);
    SUBCOMMANDS.put("simulate", SimulateCommand.class);
    SUBCOMMANDS.put("example", ExampleCommand.class);
    SUBCOMMANDS.put("invocation", InvocationCommand.class);
    SUBCOMMANDS.put("evaluate", EvaluateCommand.class);
    SUBCOMMANDS.put("pprint", PprintCommand.class);
    SUBCOMMANDS.put("launch", LaunchCommand.class);
    SUBCOMMANDS.put("sweep", SweepCommand.class);
    SUBCOMMANDS.put("test", TestCommand.class);
    SUBCOMMANDS.put("lint", LintCommand.class);
    SUBCOMMANDS.put("dirac", DiracCommand.class);
    SUBCOMMANDS.put("pull", PullCommand.class);
    SUBCOMMANDS.put("search", SearchCommand.class);
    SUBCOMMANDS.put("gpus", GpusCommand.class);
    SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
    SUBCOMMANDS.put("warmup", WarmupCommand.class);
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(run(args, System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command with the given streams; returns the exit code. */
  public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
    Sources sources = new Sources(Boutiques.create(), in);
    CommandLine cli = commandLine(args, new Factory(sources));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof CliException c) {
        if (c.getMessage() != null && !c.getMessage().isEmpty()) {
          commandLine.getErr().println(c.getMessage());
        }
        return c.exitCode();
      }
      commandLine.getErr().println("vip-boutiques: internal error: " + e
          + " (please report it; VIPB_DEBUG=1 shows where)");
      if (System.getenv("VIPB_DEBUG") != null) {
        e.printStackTrace(commandLine.getErr());
      }
      return ExitCodes.INTERNAL;
    });
    cli.setParameterExceptionHandler((ex, strings) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("vip-boutiques: " + ex.getMessage());
      c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCodes.USAGE;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The command model. Picocli builds a model by reflection for every subcommand it knows,
   * which costs most of a short run's start-up; when the first argument names a subcommand,
   * only that one is registered (help and errors for other words get the full model).
   */
  static CommandLine commandLine(String[] args, CommandLine.IFactory factory) {
    CommandLine cli = new CommandLine(new Main(), factory);
    Class<?> only = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (only != null && only != CommandLine.HelpCommand.class) {
      cli.addSubcommand(args[0], only);
    } else {
      SUBCOMMANDS.forEach(cli::addSubcommand);
    }
    return cli;
  }

  /** Gives commands the shared {@link Sources}. */
  private static final class Factory implements CommandLine.IFactory {
    private final Sources sources;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(Sources sources) {
      this.sources = sources;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (SourcesAware.class.isAssignableFrom(cls)) {
        K instance = fallback.create(cls);
        ((SourcesAware) instance).sources(sources);
        return instance;
      }
      return fallback.create(cls);
    }
  }

  /** The version from the jar manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"vip-boutiques " + (v == null ? "(development build)" : v),
          "Boutiques schema 0.5; reference semantics of bosh a6c84fa"};
    }
  }
}
