package org.vipboutiques.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A report in Surefire's XML form ({@code TEST-NAME.xml}, one {@code <testsuite>}), which CI
 * servers (Jenkins, GitLab, GitHub actions) read as they read Surefire's own.
 */
final class SurefireReport {

  private SurefireReport() {}

  /** Writes {@code folder/TEST-suite.xml}; returns its path. */
  static Path write(Path folder, String suite, List<ReportCase> cases) throws IOException {
    long failures = cases.stream().filter(c -> c.failure().isPresent() && !c.error()).count();
    long errors = cases.stream().filter(ReportCase::error).count();
    double total = cases.stream().mapToDouble(ReportCase::seconds).sum();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuite name=\"").append(escape(suite)).append("\" tests=\"").append(cases.size())
        .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
        .append("\" skipped=\"0\" time=\"").append(seconds(total)).append("\">\n");
    for (ReportCase c : cases) {
      xml.append("  <testcase name=\"").append(escape(c.name())).append("\" classname=\"")
          .append(escape(c.className())).append("\" time=\"").append(seconds(c.seconds())).append('"');
      if (c.failure().isEmpty() && c.output().isEmpty()) {
        xml.append("/>\n");
        continue;
      }
      xml.append(">\n");
      if (c.failure().isPresent()) {
        failure(xml, c);
      }
      if (!c.output().isEmpty()) {
        xml.append("    <system-out>").append(escape(c.output())).append("</system-out>\n");
      }
      xml.append("  </testcase>\n");
    }
    xml.append("</testsuite>\n");
    Files.createDirectories(folder);
    Path file = folder.resolve("TEST-" + suite.replaceAll("[^A-Za-z0-9._-]", "_") + ".xml");
    Files.writeString(file, xml, StandardCharsets.UTF_8);
    return file;
  }

  private static void failure(StringBuilder xml, ReportCase c) {
    String tag = c.error() ? "error" : "failure";
    String message = c.failure().get();
    String first = message.lines().findFirst().orElse("");
    xml.append("    <").append(tag).append(" message=\"").append(escape(first)).append("\" type=\"")
        .append(c.error() ? "org.vipboutiques.BoutiquesException" : "org.vipboutiques.maven.BoutiquesFailure")
        .append("\">").append(escape(message)).append("</").append(tag).append(">\n");
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }

  /** XML text and attribute escaping; characters XML 1.0 forbids become U+FFFD. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\n' -> sb.append("&#10;");
        case '\t', '\r' -> sb.append("&#").append((int) c).append(';');
        default -> sb.append(c < 0x20 || c == 0xFFFE || c == 0xFFFF ? '\uFFFD' : c);
      }
    }
    return sb.toString();
  }
}
