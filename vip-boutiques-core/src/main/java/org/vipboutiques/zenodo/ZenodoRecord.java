package org.vipboutiques.zenodo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * A search hit: the fields the reference reads from it (missing ones empty rather than a crash).
 *
 * @param id the record number
 * @param title {@code metadata.title}
 * @param description {@code metadata.description}, when given
 * @param downloads {@code stats.version_downloads}, 0 when absent (the reference's default)
 * @param keywords {@code metadata.keywords}
 * @param author the first of {@code metadata.creators}
 * @param version {@code metadata.version}
 * @param publicationDate {@code metadata.publication_date}
 * @param doi {@code doi}
 * @param files {@code files}, in order (the reference downloads the first)
 */
public record ZenodoRecord(String id, String title, Optional<String> description, BigInteger downloads,
    List<String> keywords, String author, Optional<String> version, String publicationDate, String doi,
    List<ZenodoFile> files) {

  public ZenodoRecord {
    keywords = List.copyOf(keywords);
    files = List.copyOf(files);
  }

  static Optional<ZenodoRecord> fromJson(JsonValue value) {
    if (!(value instanceof JsonObject hit)) {
      return Optional.empty();
    }
    Optional<String> id = hit.get("id").flatMap(ZenodoRecord::text);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    JsonObject metadata = hit.object("metadata").orElse(JsonObject.EMPTY);
    BigInteger downloads = hit.object("stats").flatMap(s -> s.number("version_downloads"))
        .filter(JsonNumber::isIntegral).map(JsonNumber::bigIntegerValue).orElse(BigInteger.ZERO);
    List<String> keywords = new ArrayList<>();
    metadata.array("keywords").map(JsonArray::items).orElse(List.of()).forEach(k -> text(k).ifPresent(keywords::add));
    String author = metadata.array("creators").filter(a -> a.size() > 0)
        .flatMap(a -> a.get(0) instanceof JsonObject c ? c.string("name") : Optional.empty()).orElse("");
    List<ZenodoFile> files = new ArrayList<>();
    for (JsonValue f : hit.array("files").map(JsonArray::items).orElse(List.of())) {
      if (f instanceof JsonObject file) {
        Optional<String> link = file.object("links").flatMap(l -> l.string("self"));
        if (link.isPresent()) {
          files.add(new ZenodoFile(file.string("key").orElse(file.string("filename").orElse("")), link.get(),
              file.number("size").filter(JsonNumber::isIntegral).map(n -> n.bigIntegerValue().longValue()),
              file.string("checksum")));
        }
      }
    }
    return Optional.of(new ZenodoRecord(id.get(), metadata.string("title").orElse(""),
        metadata.string("description"), downloads, keywords, author, metadata.get("version").flatMap(ZenodoRecord::text),
        metadata.string("publication_date").orElse(""), hit.string("doi").orElse(""), files));
  }

  private static Optional<String> text(JsonValue v) {
    if (v instanceof JsonString s) {
      return Optional.of(s.value());
    }
    if (v instanceof JsonNumber n && n.isIntegral()) {
      return Optional.of(n.bigIntegerValue().toString());
    }
    return Optional.empty();
  }
}
