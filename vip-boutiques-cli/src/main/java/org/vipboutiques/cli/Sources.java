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

/**
 * Reads the files named on the command line: a path, {@code -} for standard input, or (for
 * invocations) inline JSON text starting with a brace, as the reference accepts.
 */
final class Sources {

  private final Boutiques boutiques;
  private final InputStream stdin;

  Sources(Boutiques boutiques, InputStream stdin) {
    this.boutiques = boutiques;
    this.stdin = stdin;
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
