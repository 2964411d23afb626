package org.vipboutiques.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FloatReprTest {

  /** Expected values are what CPython 3.11 prints for repr(float(literal)). */
  @ParameterizedTest
  @CsvSource({
      "1.0, 1.0", "0.1, 0.1", "1e-07, 1e-07", "1E16, 1e+16", "1e15, 1000000000000000.0",
      "0.0001, 0.0001", "0.00001, 1e-05", "-0.0, -0.0", "0.0, 0.0", "2.5, 2.5", "0.85, 0.85",
      "123456789012345678.0, 1.2345678901234568e+17", "0.3333333333333333, 0.3333333333333333",
      "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308", "100.0, 100.0",
      "1.5e300, 1.5e+300", "9999999999999998.0, 9999999999999998.0", "1e16, 1e+16", "12345.678, 12345.678",
      "1e400, inf", "-1e400, -inf", "0.000123, 0.000123", "1.0e-4, 0.0001", "3.0e0, 3.0"})
  void printsFloatsAsPython(String literal, String expected) {
    assertEquals(expected, JsonNumber.parse(literal).pythonString());
  }

  @ParameterizedTest
  @CsvSource({"10, 10", "-0, 0", "0, 0", "123456789012345678901234567890, 123456789012345678901234567890", "-7, -7"})
  void printsIntegersAsPython(String literal, String expected) {
    assertEquals(expected, JsonNumber.parse(literal).pythonString());
  }
}
