package org.vipboutiques.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The fenced {@code java} blocks of the project's Markdown files. */
final class Markdown {

  /** A block: where it is (file:line) and its text, lines joined by newlines. */
  record Block(String where, String text) {
  }

  private Markdown() {
  }

  static Path projectRoot() {
    return Path.of(System.getProperty("vipb.project.root", "..")).toAbsolutePath().normalize();
  }

  /** README.md and docs/*.md. */
  static List<Path> documents() {
    Path root = projectRoot();
    List<Path> docs = new ArrayList<>();
    docs.add(root.resolve("README.md"));
    try (Stream<Path> files = Files.list(root.resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  static List<Block> javaBlocks(Path document) {
    List<String> lines;
    try {
      lines = Files.readAllLines(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> blocks = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (start < 0 && line.equals("```java")) {
        start = i + 1;
      } else if (start >= 0 && line.equals("```")) {
        blocks.add(new Block(projectRoot().relativize(document) + ":" + start,
            String.join("\n", lines.subList(start, i))));
        start = -1;
      }
    }
    return blocks;
  }
}
