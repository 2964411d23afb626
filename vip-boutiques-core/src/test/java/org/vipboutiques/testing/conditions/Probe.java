package org.vipboutiques.testing.conditions;

/**
 * What looking for a part found: present (with what was found), or absent (with why, and how to
 * get it). {@code detail} is one line.
 */
public record Probe(boolean present, String detail) {

  public static Probe present(String detail) {
    return new Probe(true, detail);
  }

  public static Probe absent(String detail) {
    return new Probe(false, detail);
  }
}
