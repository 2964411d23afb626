package org.vipboutiques.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** vip-boutiques-bom lists every module the reactor publishes, and nothing else. */
class BomTest {

  @Test
  void theBomListsEveryPublishedModule() throws Exception {
    Path root = Markdown.projectRoot();
    TreeSet<String> published = new TreeSet<>();
    for (String module : children(read(root.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
      Element pom = read(root.resolve(module).resolve("pom.xml")).getDocumentElement();
      // A Maven plugin is a published jar too; listed so that its version is aligned with the rest.
      boolean jar = children(pom, null, "packaging").stream()
          .allMatch(p -> p.equals("jar") || p.equals("maven-plugin"));
      boolean skipped = children(pom, "properties", "maven.deploy.skip").contains("true");
      if (jar && !skipped) {
        published.add(children(pom, null, "artifactId").get(0));
      }
    }
    Element bom = read(root.resolve("vip-boutiques-bom/pom.xml")).getDocumentElement();
    TreeSet<String> listed = new TreeSet<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      listed.add(children((Element) deps.item(i), null, "artifactId").get(0));
    }
    assertEquals(published, listed);
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Files.newInputStream(pom));
  }

  /** The text of {@code name} elements directly under {@code parent} (or the element itself when null). */
  private static List<String> children(Element element, String parent, String name) {
    List<String> found = new ArrayList<>();
    for (Element p : parent == null ? List.of(element) : direct(element, parent)) {
      for (Element e : direct(p, name)) {
        found.add(e.getTextContent().strip());
      }
    }
    return found;
  }

  private static List<Element> direct(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }
}
