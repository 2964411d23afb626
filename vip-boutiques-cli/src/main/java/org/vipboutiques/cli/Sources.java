package org.vipboutiques.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vipboutiques.Boutiques;
import org.vipboutiques.InvalidDescriptorException;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonParser;
import org.vipboutiques.zenodo.Zenodo;
import org.vipboutiques.zenodo.ZenodoException;
import org.vipboutiques.zenodo.ZenodoId;
import org.vipboutiques.zenodo.ZenodoServer;

/**
 * Reads the files named on the command line: a path, {@code -} for standard input, (for
 * descriptors) a Zenodo id that names no file, or (for invocations) inline JSON text starting
 * with a brace, as the reference accepts.
 */
final class Sources {

  private final Boutiques boutiques;
  private final InputStream stdin;
  private final ZenodoServer server;

  Sources(Boutiques boutiques, InputStream stdin) {
    this(boutiques, stdin, ZenodoServer.PRODUCTION);
  }

  private Sources(Boutiques boutiques, InputStream stdin, ZenodoServer server) {
    this.boutiques = boutiques;
    this.stdin = stdin;
    this.server = server;
  }

  /** The same, reading Zenodo ids from {@code other}. */
  Sources withServer(ZenodoServer other) {
    return other == server ? this : new Sources(boutiques, stdin, other);
  }

  /** Zenodo as this command reads it (its server). */
  Zenodo zenodo() {
    return boutiques.zenodo().withServer(server);
  }

  /** A failure of Zenodo as the command's end: no such record is a usage error, the rest "unavailable". */
  static CliException failure(ZenodoException e) {
    return switch (e.kind()) {
      case INVALID_ID, NOT_FOUND -> CliException.usage(e.getMessage());
      default -> new CliException(ExitCodes.UNAVAILABLE, e.getMessage());
    };
  }

  Boutiques boutiques() {
    return boutiques;
  }

  /** A JSON object from a path, standard input, or inline text; usage errors when unreadable. */
  JsonObject object(String argument, boolean allowInline) throws JsonInputException {
    if (argument.equals("-")) {
      return JsonParser.requireObject(boutiques.parser().parse(stdin, "<stdin>"), "<stdin>");
    }
    Path path = Path.of(argument);
    if (allowInline && !Files.exists(path) && argument.trim().startsWith("{")) {
      return boutiques.parser().parseObject(argument, "<inline JSON>");
    }
    if (!allowInline && !Files.exists(path) && ZenodoId.looksLikeOne(argument)) {
      try {
        path = zenodo().pull(ZenodoId.parse(argument)).file();
      } catch (ZenodoException e) {
        throw failure(e);
      }
    }
    if (!Files.exists(path)) {
      throw CliException.usage(argument + ": no such file");
    }
    if (Files.isDirectory(path)) {
      throw CliException.usage(argument + ": is a directory, not a JSON file");
    }
    return boutiques.parser().parseObject(path);
  }

  /** A valid descriptor, or an exit with its errors. */
  Descriptor descriptor(String argument) {
    JsonObject json;
    try {
      json = object(argument, false);
    } catch (JsonInputException e) {
      throw e.kind() == JsonInputException.Kind.IO ? CliException.usage(e.getMessage())
          : CliException.invalid(e.getMessage());
    }
    try {
      return boutiques.load(json, argument);
    } catch (InvalidDescriptorException e) {
      StringBuilder sb = new StringBuilder(argument).append(": invalid descriptor");
      e.report().errors().forEach(err -> sb.append('\n').append(argument).append(": ").append(err.message()));
      throw CliException.invalid(sb.toString());
    }
  }

  /** An invocation's raw values; invalid JSON is an invalid invocation. */
  JsonObject invocation(String argument) {
    try {
      return object(argument, true);
    } catch (JsonInputException e) {
      throw e.kind() == JsonInputException.Kind.IO ? CliException.usage(e.getMessage())
          : CliException.invalid(e.getMessage());
    }
  }
}
