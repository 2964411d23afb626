package org.vipboutiques.commandline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellQuotingTest {

  /** Expected values are Python's shlex.quote. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "abc|abc", "a b|'a b'", "it's|'it'\"'\"'s'", "a/b.c_d-e@f%g+h=i:j,k|a/b.c_d-e@f%g+h=i:j,k",
      "$HOME|'$HOME'", "é|'é'", "a;b|'a;b'"})
  void quotesAsShlex(String in, String expected) {
    assertEquals(expected, ShellQuoting.quote(in));
  }

  @org.junit.jupiter.api.Test
  void emptyBecomesTwoQuotes() {
    assertEquals("''", ShellQuoting.quote(""));
  }
}
