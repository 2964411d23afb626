package org.vipboutiques.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonExpressionTest {

  /** Expected values are bool(eval(expression)) in CPython. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "10 > 10.00|false", "11 > 10.00|true", "\"True\" and ( 10 > 2 )|true", "False|false",
      "\"a\" == \"a\"|true", "\"b\" > \"a\"|true", "1 < 2 < 3|true", "3 > 2 > 2|false",
      "not 0|true", "0 or \"\"|false", "1 == 1.0|true", "\"1\" == 1|false", "-5 < -4|true",
      "(1 == 1) and (2 != 3)|true", "\"ab\" in \"cabd\"|true", "None is None|true", "2 * 3 == 6|true",
      "7 // 2 == 3|true", "-7 // 2 == -4|true", "\"x\" or False|true", "True == 1|true"})
  void evaluatesAsPython(String expression, boolean expected) throws Exception {
    assertEquals(expected, PythonExpression.isTrue(expression));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"\"a\" > 1", "nope == 1", "1 +", "(1", "\"unterminated", "007 == 7", "1 = 1", "' '"})
  void whatPythonRefusesIsMalformed(String expression) {
    assertThrows(MalformedConditionException.class, () -> PythonExpression.isTrue(expression));
  }

  /** Unary signs were parsed by recursion: a long run of them overflowed the stack. */
  @Test
  void aLongRunOfSignsIsOneFactor() throws Exception {
    assertEquals(true, PythonExpression.isTrue("-".repeat(200_000) + "1 == 1"));
    assertEquals(true, PythonExpression.isTrue("+-".repeat(100_001) + "1 == -1"));
  }

  /** Python refuses integer literals of more than 4300 digits; so do we, before reading them. */
  @Test
  void integersOverPythonsDigitLimitAreMalformed() throws Exception {
    assertEquals(false, PythonExpression.isTrue("1".repeat(4300) + " == 1"));
    MalformedConditionException e = assertThrows(MalformedConditionException.class,
        () -> PythonExpression.isTrue("1".repeat(4301) + " == 1"));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("4301 digits, more than Python's limit of 4300"),
        e.getMessage());
  }

  /** Every step makes a bounded value: a doubling chain ends in an error, not in hours of multiplication. */
  @Test
  void computationsAreBounded() {
    String big = "9".repeat(4300);
    assertThrows(MalformedConditionException.class,
        () -> PythonExpression.isTrue(big + (" * " + big).repeat(300) + " > 1"));
  }

  @Test
  void shortCircuitSkipsWhatPythonNeverEvaluates() throws Exception {
    assertEquals(false, PythonExpression.isTrue("False and nope > 1"));
    assertEquals(true, PythonExpression.isTrue("True or \"a\" > 1"));
  }

  @Test
  void formattingKeepsTheReferenceQuirk() throws Exception {
    // The reference drops the character after a one-character operator: "opt2>10" is "opt2 > 0".
    assertEquals(List.of("opt2", ">", "0"), ConditionText.words("opt2>10"));
    assertEquals(List.of("(", "a", ">=10", ")"), ConditionText.words("(a>=10)"));
    assertThrows(MalformedConditionException.class, () -> ConditionText.words("a >"));
  }
}
