package org.vipboutiques;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vipboutiques.commandline.CommandLineBuilder;
import org.vipboutiques.commandline.CommandLineException;
import org.vipboutiques.commandline.Simulation;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.MalformedDescriptorException;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.Invocation;
import org.vipboutiques.invocation.InvocationError;
import org.vipboutiques.invocation.InvocationRule;
import org.vipboutiques.invocation.InvocationValidator;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonLimits;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.json.JsonValue;
import org.vipboutiques.validation.DescriptorValidator;
import org.vipboutiques.validation.ValidationReport;
import org.vipboutiques.zenodo.Zenodo;
import org.vipboutiques.zenodo.ZenodoException;
import org.vipboutiques.zenodo.ZenodoId;

/**
 * The entry point: read and validate descriptors, check invocations, build command lines.
 *
 * <pre>{@code
 * Boutiques boutiques = Boutiques.create();
 * Descriptor tool = boutiques.load(Path.of("fsl_bet.json"));
 * Invocation invocation = boutiques.invocation(tool, Path.of("invocation.json"));
 * String commandLine = boutiques.simulate(tool, invocation).commandLine();
 * }</pre>
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} to change the input limits or
 * the directory that {@code uses-absolute-path} outputs are resolved against.
 */
public final class Boutiques {

  private final JsonParser parser;
  private final String workingDirectory;
  private final Zenodo zenodo;

  private Boutiques(Builder b) {
    this.parser = new JsonParser(b.limits);
    this.workingDirectory = b.workingDirectory.toAbsolutePath().normalize().toString();
    this.zenodo = b.zenodo != null ? b.zenodo : Zenodo.builder().descriptorLimits(b.limits).build();
  }

  /** Default limits, and the JVM's current directory. */
  public static Boutiques create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The JSON reader, with this instance's limits. */
  public JsonParser parser() {
    return parser;
  }

  /** Validates a descriptor file; unreadable JSON is reported, not thrown. */
  public ValidationReport validate(Path file) {
    try {
      return validate(parser.parseObject(file), file.toString());
    } catch (JsonInputException e) {
      return DescriptorValidator.unreadable(e);
    }
  }

  /** Validates descriptor JSON text. */
  public ValidationReport validate(String json, String source) {
    try {
      return validate(parser.parseObject(json, source), source);
    } catch (JsonInputException e) {
      return DescriptorValidator.unreadable(e);
    }
  }

  /** Validates a parsed descriptor. */
  public ValidationReport validate(JsonObject descriptor, String source) {
    return DescriptorValidator.validate(descriptor, source);
  }

  /** Reads and validates a descriptor file. */
  public Descriptor load(Path file) throws InvalidDescriptorException, JsonInputException {
    return load(parser.parseObject(file), file.toString());
  }

  /**
   * Reads and validates a descriptor given as the reference takes one: a file, or (when no such
   * file exists) a Zenodo id such as {@code zenodo.1482743}, read from the cache folder it
   * shares with the reference, or pulled from Zenodo into it ({@link #zenodo()}).
   *
   * <pre>{@code
   * Descriptor bet = boutiques.load("zenodo.1482743");
   * }</pre>
   *
   * @throws ZenodoException when the id is not cached and cannot be pulled
   */
  public Descriptor load(String fileOrZenodoId) throws InvalidDescriptorException, JsonInputException,
      ZenodoException {
    return load(parser.parseObject(descriptorFile(fileOrZenodoId)), fileOrZenodoId);
  }

  /**
   * The file a descriptor argument names: the file itself when it exists, else, for a Zenodo id
   * ({@code zenodo.N}, {@code 10.5281/zenodo.N}), its cache file, pulled first when needed.
   *
   * @throws ZenodoException when the id is not cached and cannot be pulled, or when
   *     the argument is neither a file nor a Zenodo id
   */
  public Path descriptorFile(String fileOrZenodoId) throws ZenodoException {
    Objects.requireNonNull(fileOrZenodoId, "fileOrZenodoId");
    Path path = Path.of(fileOrZenodoId);
    if (java.nio.file.Files.exists(path) || !ZenodoId.looksLikeOne(fileOrZenodoId)) {
      return path;
    }
    return zenodo.pull(ZenodoId.parse(fileOrZenodoId)).file();
  }

  /** How Zenodo ids are read: the server, its URL and the cache folder. */
  public Zenodo zenodo() {
    return zenodo;
  }

  /** Validates a parsed descriptor and returns its typed view. */
  public Descriptor load(JsonObject json, String source) throws InvalidDescriptorException {
    ValidationReport report = validate(json, source);
    if (!report.valid()) {
      throw new InvalidDescriptorException(report);
    }
    try {
      return Descriptor.fromJson(json);
    } catch (MalformedDescriptorException e) {
      throw new IllegalStateException("a valid descriptor could not be typed: " + e.getMessage(), e);
    }
  }

  /** Reads an invocation file and checks it (see {@link #invocation(Descriptor, JsonObject)}). */
  public Invocation invocation(Descriptor descriptor, Path file) throws InvalidInvocationException, JsonInputException {
    return invocation(descriptor, parser.parseObject(file));
  }

  /**
   * Reads invocation JSON text and checks it (see {@link #invocation(Descriptor, JsonObject)}):
   * {@code boutiques.invocation(tool, "{\"infile\": \"brain.nii.gz\", \"frac\": 0.4}")}.
   *
   * @throws JsonInputException when the text is not a JSON object within this instance's limits
   * @throws InvalidInvocationException when the descriptor does not accept it
   */
  public Invocation invocation(Descriptor descriptor, String json) throws InvalidInvocationException,
      JsonInputException {
    return invocation(descriptor, parser.parseObject(json, "the invocation of " + descriptor.name()));
  }

  /**
   * Checks Java values as an invocation (see {@link #invocation(Descriptor, JsonObject)}), keyed by
   * input id: a {@link CharSequence} is a String, a {@link Path} or {@link java.io.File} a File
   * input's path (as given: a relative one is found from the job's input folder), an
   * {@link Integer}, {@link Long}, {@link Double}, {@link java.math.BigDecimal} ... a Number, a
   * {@link Boolean} a Flag, and a {@link java.util.List} (or an array) of these a list input.
   *
   * <pre>{@code
   * Invocation inv = boutiques.invocation(bet, Map.of("infile", Path.of("brain.nii.gz"), "frac", 0.4));
   * }</pre>
   *
   * @throws InvalidInvocationException when a value has another type (the error names its input
   *     id), or the descriptor does not accept the values
   */
  public Invocation invocation(Descriptor descriptor, Map<String, ?> values)
      throws InvalidInvocationException {
    return invocation(descriptor, InvocationValues.toJson(Objects.requireNonNull(values, "values")));
  }

  /**
   * Java values (as {@link #invocation(Descriptor, Map)} takes them) as the JSON object they stand
   * for, without checking them against a descriptor; for callers that check many invocations
   * made of the same values (a sweep).
   *
   * @throws InvalidInvocationException when a value has a type no input takes (the error names its id)
   */
  public static JsonObject toJson(Map<String, ?> values) throws InvalidInvocationException {
    return InvocationValues.toJson(Objects.requireNonNull(values, "values"));
  }

  /**
   * Applies defaults to the given values and checks them: the invocation schema, the rules the
   * reference forgets, and that the command line can be built.
   */
  public Invocation invocation(Descriptor descriptor, JsonObject values) throws InvalidInvocationException {
    Invocation invocation = InvocationValidator.of(descriptor).validate(values);
    simulate(descriptor, invocation);
    return invocation;
  }

  /** The command line, output paths and configuration files of a checked invocation. */
  public Simulation simulate(Descriptor descriptor, Invocation invocation) throws InvalidInvocationException {
    try {
      return new CommandLineBuilder(descriptor, workingDirectory).build(invocation);
    } catch (CommandLineException e) {
      throw new InvalidInvocationException(List.of(new InvocationError(InvocationRule.COMMAND_LINE, List.of(),
          e.getMessage())));
    }
  }

  /** Checks raw values and builds their command line in one step. */
  public Simulation simulate(Descriptor descriptor, JsonObject values) throws InvalidInvocationException {
    return simulate(descriptor, InvocationValidator.of(descriptor).validate(values));
  }

  /** The invocation schema of a descriptor (its own, or generated as the reference does). */
  public JsonObject invocationSchema(Descriptor descriptor) {
    return InvocationValidator.of(descriptor).schema();
  }

  /** Builder of {@link Boutiques} instances. */
  public static final class Builder {
    private JsonLimits limits = JsonLimits.DEFAULT;
    private Path workingDirectory = Path.of("");
    private Zenodo zenodo;

    private Builder() {}

    /**
     * How Zenodo ids are read (default {@link Zenodo#create()}, with this builder's limits on
     * a downloaded descriptor): {@code Zenodo.builder().server(ZenodoServer.SANDBOX).build()}.
     */
    public Builder zenodo(Zenodo zenodo) {
      this.zenodo = Objects.requireNonNull(zenodo, "zenodo");
      return this;
    }

    /** Bounds on the size and nesting of JSON input. */
    public Builder limits(JsonLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The directory {@code uses-absolute-path} outputs are resolved against. */
    public Builder workingDirectory(Path directory) {
      this.workingDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    public Boutiques build() {
      return new Boutiques(this);
    }
  }
}
