package org.vipboutiques.provenance;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.vipboutiques.json.JsonObject;

/**
 * Whether and where a run's provenance record is written, as {@code bosh exec launch}'s
 * {@code --skip-data-collection} and {@code --provenance} choose it.
 *
 * @param enabled whether a record is written (by default it is, as with the reference)
 * @param directory the data folder; by default {@link #defaultDirectory()}, the reference's
 * @param additionalInformation an object stored in the record as {@code additional-information}
 *     ({@code --provenance JSON}); {@code null} there when absent, as in the reference
 * @param recordFile where the record goes instead of the data folder (the descriptor is still
 *     saved in the data folder, which the record names); a file already there is never replaced
 */
public record DataCollection(boolean enabled, Optional<Path> directory, Optional<JsonObject> additionalInformation,
    Optional<Path> recordFile) {

  /** A system property that moves the default data folder (a test suite's, for one). */
  public static final String DIRECTORY_PROPERTY = "vipboutiques.data-directory";

  private static final DataCollection DEFAULTS = new DataCollection(true, Optional.empty(), Optional.empty(),
      Optional.empty());
  private static final DataCollection SKIP = new DataCollection(false, Optional.empty(), Optional.empty(),
      Optional.empty());

  public DataCollection {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(additionalInformation, "additionalInformation");
    Objects.requireNonNull(recordFile, "recordFile");
  }

  /** A record in the default folder. */
  public static DataCollection defaults() {
    return DEFAULTS;
  }

  /** No record ({@code --skip-data-collection}). */
  public static DataCollection skip() {
    return SKIP;
  }

  /** The same, with the record written in {@code folder}. */
  public DataCollection inDirectory(Path folder) {
    return new DataCollection(enabled, Optional.of(folder.toAbsolutePath().normalize()), additionalInformation,
        recordFile);
  }

  /** The same, with {@code information} stored as the record's {@code additional-information}. */
  public DataCollection withAdditionalInformation(JsonObject information) {
    return new DataCollection(enabled, directory, Optional.of(Objects.requireNonNull(information, "information")),
        recordFile);
  }

  /** The same, with the record written to {@code file} (made new) rather than into the data folder. */
  public DataCollection toFile(Path file) {
    return new DataCollection(enabled, directory, additionalInformation,
        Optional.of(file.toAbsolutePath().normalize()));
  }

  /** The folder records go to: the one given, else {@link #defaultDirectory()}. */
  public Path resolvedDirectory() {
    return directory.orElseGet(DataCollection::defaultDirectory);
  }

  /**
   * The reference's data folder, {@code ~/.cache/boutiques/data}, with {@code ~} read as Python's
   * {@code expanduser} reads it ({@code HOME} first), so that {@code bosh data inspect} run by the
   * same user sees the records; the system property {@value #DIRECTORY_PROPERTY} overrides it.
   */
  public static Path defaultDirectory() {
    String property = System.getProperty(DIRECTORY_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    String home = System.getenv("HOME");
    if (home == null || home.isEmpty()) {
      home = System.getProperty("user.home");
    }
    return Path.of(home, ".cache", "boutiques", "data").toAbsolutePath().normalize();
  }
}
