package org.vipboutiques.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vipboutiques.Boutiques;
import org.vipboutiques.descriptor.Descriptor;
import org.vipboutiques.descriptor.MalformedDescriptorException;
import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.InvocationError;
import org.vipboutiques.json.JsonInputException;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.sweep.Sweep;
import org.vipboutiques.validation.ValidationError;
import org.vipboutiques.validation.ValidationReport;

/**
 * Validates descriptors and invocations as {@code vip-boutiques validate} does: the library's
 * schema and semantic rules ({@link Boutiques#validate(JsonObject, String)}), VIP's
 * {@code custom."vip:dot"} rules for a valid descriptor, and {@link Boutiques#invocation} for an
 * invocation against its descriptor. Adds only where each error is in the file.
 */
final class Checker {

  private final Boutiques boutiques;
  private final Map<Path, FileCheck> descriptors = new LinkedHashMap<>();

  Checker(Boutiques boutiques) {
    this.boutiques = boutiques;
  }

  /** A descriptor's problems, and its typed view when valid; each file is checked once. */
  FileCheck descriptor(Path file) {
    return descriptors.computeIfAbsent(file, this::checkDescriptor);
  }

  private FileCheck checkDescriptor(Path file) {
    JsonObject json;
    Locations where;
    try {
      json = boutiques.parser().parseObject(file);
      where = new Locations(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonInputException e) {
      return unreadable(file, e);
    } catch (IOException e) {
      return new FileCheck(file, List.of(new Problem(file, 0, "cannot read: " + e.getMessage())), Optional.empty());
    }
    ValidationReport report = boutiques.validate(json, file.toString());
    List<Problem> problems = new ArrayList<>();
    for (ValidationError e : report.errors()) {
      problems.add(new Problem(file, where.lineOfIds(e.ids()), e.message()));
    }
    if (!problems.isEmpty()) {
      return new FileCheck(file, problems, Optional.empty());
    }
    Descriptor descriptor;
    try {
      descriptor = Descriptor.fromJson(json);
    } catch (MalformedDescriptorException e) {
      throw new IllegalStateException("a valid descriptor could not be read again: " + e.getMessage(), e);
    }
    int dotLine = where.lineOfKeys(List.of(Sweep.DOT_KEY));
    for (String e : Sweep.dotProblems(descriptor)) {
      problems.add(new Problem(file, dotLine, e));
    }
    return new FileCheck(file, problems, problems.isEmpty() ? Optional.of(descriptor) : Optional.empty());
  }

  /** An invocation's problems against its descriptor (which must be valid first). */
  FileCheck invocation(Path file, Optional<Path> descriptorFile) {
    if (descriptorFile.isEmpty()) {
      String name = file.getFileName().toString();
      return new FileCheck(file, List.of(new Problem(file, 0, "no descriptor for this invocation: name it NAME"
          + BoutiquesFiles.INVOCATION_SUFFIX + " or NAME.LABEL" + BoutiquesFiles.INVOCATION_SUFFIX
          + " beside the descriptor NAME.json (" + name + " matches none)")), Optional.empty());
    }
    FileCheck d = descriptor(descriptorFile.get());
    if (d.descriptor().isEmpty()) {
      return new FileCheck(file, List.of(new Problem(file, 0, "its descriptor " + descriptorFile.get().getFileName()
          + " is invalid; fix it first")), Optional.empty());
    }
    JsonObject json;
    Locations where;
    try {
      json = boutiques.parser().parseObject(file);
      where = new Locations(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonInputException e) {
      return unreadable(file, e);
    } catch (IOException e) {
      return new FileCheck(file, List.of(new Problem(file, 0, "cannot read: " + e.getMessage())), Optional.empty());
    }
    try {
      boutiques.invocation(d.descriptor().get(), json);
      return new FileCheck(file, List.of(), Optional.empty());
    } catch (InvalidInvocationException e) {
      List<Problem> problems = new ArrayList<>();
      for (InvocationError err : e.errors()) {
        problems.add(new Problem(file, where.lineOfKeys(err.ids()), err.message()));
      }
      return new FileCheck(file, problems, Optional.empty());
    }
  }

  private static FileCheck unreadable(Path file, JsonInputException e) {
    return new FileCheck(file, List.of(new Problem(file, e.line().orElse(0), e.detail())), Optional.empty());
  }
}
