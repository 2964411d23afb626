package org.vipboutiques.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vipboutiques.json.JsonNumber;

class SweepTest {

  @Test
  void dotOverListsOfDifferentLengthsIsOneErrorNamingThem() {
    InvalidSweepException e = assertThrows(InvalidSweepException.class, () -> Sweep.builder(SweepTools.TOOL)
        .values("a", List.of("1", "2", "3")).values("b", List.of("x", "y")).plan());
    assertEquals(1, e.errors().size());
    assertTrue(e.getMessage().contains("a (3 values), b (2 values)"), e.getMessage());
    assertTrue(e.getMessage().contains("vip:dot"), e.getMessage());
  }

  @Test
  void moreJobsThanTheCapIsRefusedInOneLineBeforeAnyCheck() {
    InvalidSweepException e = assertThrows(InvalidSweepException.class, () -> Sweep.builder(SweepTools.TOOL)
        .values("c", List.of("1", "2", "3")).values("d", List.of("x", "y")).maxJobs(5).plan());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertTrue(e.getMessage().contains("makes 6 jobs (c: 3 x d: 2), more than the limit of 5"), e.getMessage());
  }

  @Test
  void theDefaultCapIsTenThousandAndAProductPastLongIsRefusedToo() {
    List<String> thousand = java.util.stream.IntStream.range(0, 1000).mapToObj(String::valueOf).toList();
    InvalidSweepException e = assertThrows(InvalidSweepException.class, () -> Sweep.builder(SweepTools.TOOL)
        .values("c", thousand).values("d", thousand).plan());
    assertTrue(e.getMessage().contains("1000000 jobs") && e.getMessage().contains("limit of 10000"), e.getMessage());
  }

  @Test
  void anInvalidCombinationStopsTheWholeSweepWithItsIndexAndValues() {
    InvalidSweepException e = assertThrows(InvalidSweepException.class, () -> Sweep.builder(SweepTools.TOOL)
        .values("c", List.of("x", "y")).values("e", List.of(1, 7, 3, 9)).plan());
    List<SweepError> errors = e.errors();
    assertEquals(List.of(1, 3, 5, 7), errors.stream().map(x -> x.combination().orElseThrow()).toList(), e.getMessage());
    assertEquals("7", ((JsonNumber) errors.get(0).values().get("e")).literal());
    assertTrue(e.getMessage().startsWith("combination 1 (c=x, e=7): "), e.getMessage());
  }

  @Test
  void unknownInputsEmptyListsAndNonListsAreErrorsOfTheWholeSweep() {
    InvalidSweepException e = assertThrows(InvalidSweepException.class, () -> Sweep.builder(SweepTools.TOOL)
        .values("zz", List.of("1")).values("c", List.of())
        .values(SweepTools.lists("{\"d\": \"x\"}")).plan());
    assertEquals(3, e.errors().size(), e.getMessage());
    assertTrue(e.errors().stream().allMatch(x -> x.combination().isEmpty()));
    assertTrue(e.getMessage().contains("\"zz\" is not an input id"), e.getMessage());
    assertTrue(e.getMessage().contains("input \"c\" has an empty list"), e.getMessage());
    assertTrue(e.getMessage().contains("input \"d\": give a list of values"), e.getMessage());
  }

  @Test
  void aJavaValueNoInputTakesIsOneErrorOfTheWholeSweep() {
    InvalidSweepException e = assertThrows(InvalidSweepException.class, () -> Sweep.builder(SweepTools.TOOL)
        .values("c", List.of("x", new Object())).values("d", List.of("1", "2", "3")).plan());
    assertEquals(1, e.errors().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("value 2 of input \"c\": "), e.getMessage());
  }

  @Test
  void theCapComesBeforeAnyValueIsConvertedAndABadListIsOneError() {
    List<Object> many = new java.util.ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      many.add(new Object());
    }
    InvalidSweepException capped = assertThrows(InvalidSweepException.class, () -> Sweep.builder(SweepTools.TOOL)
        .values("c", many).plan());
    assertEquals(1, capped.getMessage().lines().count(), capped.getMessage());
    assertTrue(capped.getMessage().contains("makes 50000 jobs"), capped.getMessage());
    InvalidSweepException bad = assertThrows(InvalidSweepException.class, () -> Sweep.builder(SweepTools.TOOL)
        .values("c", many).maxJobs(50_000).plan());
    assertEquals(1, bad.errors().size(), "one error for the list, not one per value");
  }

  @Test
  void aVipDotNamingNoInputIsRefused() {
    var tool = SweepTools.load(SweepTools.JSON.replace("[\"a\", \"b\"]", "[\"a\", \"nope\"]"));
    assertEquals(List.of("a", "nope"), Sweep.dotInputs(tool));
    InvalidSweepException e = assertThrows(InvalidSweepException.class,
        () -> Sweep.builder(tool).values("a", List.of("1")).plan());
    assertTrue(e.getMessage().contains("names \"nope\", which is not an input id"), e.getMessage());
  }

  @Test
  void vipsResultsDirectoryInTheDotIsAWarningNotAnError() throws Exception {
    var tool = SweepTools.load(SweepTools.JSON.replace("[\"a\", \"b\"]", "[\"a\", \"results-directory\"]"));
    assertEquals(List.of(), Sweep.dotProblems(tool));
    assertEquals(1, Sweep.dotWarnings(tool).size());
    assertEquals(2, Sweep.builder(tool).values("a", List.of("1", "2")).plan().size());
    assertEquals(List.of(), Sweep.dotWarnings(SweepTools.TOOL));
  }

  @Test
  void anOutputLeavingTheJobFolderIsRefusedAtPlanning() {
    var tool = SweepTools.load(SweepTools.JSON.replace("\"path-template\": \"out.txt\"",
        "\"path-template\": \"[C]/out.txt\""));
    InvalidSweepException e = assertThrows(InvalidSweepException.class,
        () -> Sweep.builder(tool).values("c", List.of("ok", "../..")).plan());
    assertEquals(Optional.of(1), e.errors().get(0).combination());
    assertTrue(e.getMessage().contains("outside the job folder"), e.getMessage());
  }

  @Test
  void jsonListsAndJavaListsGiveTheSamePlan() throws Exception {
    SweepPlan fromJson = Sweep.builder(SweepTools.TOOL)
        .values(SweepTools.lists("{\"a\": [\"1\", \"2\"], \"b\": [\"x\", \"y\"], \"e\": [1, 2.5]}")).plan();
    SweepPlan fromJava = Sweep.builder(SweepTools.TOOL).values("a", List.of("1", "2")).values("b", List.of("x", "y"))
        .values("e", List.of(1, 2.5)).plan();
    assertEquals(4, fromJson.size());
    assertEquals(List.of("a", "b"), fromJson.dotInputs());
    assertEquals(List.of("e"), fromJson.crossInputs());
    for (int i = 0; i < 4; i++) {
      assertEquals(fromJson.combinations().get(i).invocation(), fromJava.combinations().get(i).invocation());
    }
  }
}
