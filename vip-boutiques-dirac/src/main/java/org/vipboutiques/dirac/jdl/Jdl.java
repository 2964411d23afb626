package org.vipboutiques.dirac.jdl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job description in DIRAC's JDL: attributes in order, each a {@link JdlValue}. Immutable;
 * build one with {@link #builder()}. {@link JdlWriter} checks it against what DIRAC's parser
 * breaks on before writing it.
 */
public record Jdl(Map<String, JdlValue> attributes) {

  public Jdl {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.attributes.putAll(attributes);
    return b;
  }

  public Optional<JdlValue> get(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** A string attribute (or the first item of a list). */
  public Optional<String> string(String name) {
    JdlValue v = attributes.get(name);
    if (v instanceof JdlValue.Str s) {
      return Optional.of(s.value());
    }
    if (v instanceof JdlValue.Int i) {
      return Optional.of(Long.toString(i.value()));
    }
    if (v instanceof JdlValue.Strs l && !l.items().isEmpty()) {
      return Optional.of(l.items().get(0));
    }
    return Optional.empty();
  }

  /** A list attribute ({@code {}} for a missing one, a one-item list for a string). */
  public List<String> list(String name) {
    JdlValue v = attributes.get(name);
    if (v instanceof JdlValue.Strs l) {
      return l.items();
    }
    if (v instanceof JdlValue.Str s) {
      return List.of(s.value());
    }
    return List.of();
  }

  /** The JDL text; the values are checked first. */
  public String toText() throws JdlException {
    return JdlWriter.write(this);
  }

  /** Builder of {@link Jdl}s; a later value for a name replaces the earlier one. */
  public static final class Builder {
    private final Map<String, JdlValue> attributes = new LinkedHashMap<>();

    private Builder() {}

    public Builder set(String name, JdlValue value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder string(String name, String value) {
      return set(name, new JdlValue.Str(value));
    }

    public Builder integer(String name, long value) {
      return set(name, new JdlValue.Int(value));
    }

    public Builder list(String name, List<String> items) {
      return set(name, new JdlValue.Strs(items));
    }

    public Builder remove(String name) {
      attributes.remove(name);
      return this;
    }

    public Jdl build() {
      return new Jdl(attributes);
    }
  }
}
