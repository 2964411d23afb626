package org.vipboutiques.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SurefireReportTest {

  @TempDir
  Path dir;

  @Test
  void writesWellFormedXmlWhateverTheMessages() throws Exception {
    String nasty = "a <b> & \"c\"\nsecond line\u0001";
    Path file = SurefireReport.write(dir, "boutiques-test.src/x.json", List.of(
        ReportCase.passed("src/x.json", "ok", 0.5),
        ReportCase.failed("src/x.json", "bad & worse", 0.25, nasty),
        ReportCase.error("src/x.json", "could not run", 0, "no executor")));
    assertEquals("TEST-boutiques-test.src_x.json.xml", file.getFileName().toString());

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    Element suite = doc.getDocumentElement();
    assertEquals("3", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("errors"));
    assertEquals("0.750", suite.getAttribute("time"));
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertEquals("a <b> & \"c\"", failure.getAttribute("message"));
    assertEquals("a <b> & \"c\"\nsecond line\uFFFD", failure.getTextContent());
    assertEquals("bad & worse", ((Element) failure.getParentNode()).getAttribute("name"));
  }

  @Test
  void keepsLintWarningsOfAPassedCaseInItsSystemOut() throws Exception {
    String warnings = "src/x.json:7: [image-not-pinned] at $.container-image.image: \"busybox\" <no tag>\n"
        + "src/x.json:1: [no-tests] at $: no tests";
    Path file = SurefireReport.write(dir, "boutiques-validate", List.of(
        ReportCase.passed("src/x.json", "descriptor is valid", 0).withOutput(warnings),
        ReportCase.failed("src/x.json", "descriptor is portable", 0, warnings),
        ReportCase.passed("src/y.json", "descriptor is valid", 0)));

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
    assertEquals(1, doc.getElementsByTagName("system-out").getLength());
    Element out = (Element) doc.getElementsByTagName("system-out").item(0);
    assertEquals(warnings, out.getTextContent());
    Element passed = (Element) out.getParentNode();
    assertEquals("descriptor is valid", passed.getAttribute("name"));
    assertEquals(0, passed.getElementsByTagName("failure").getLength());
  }
}
