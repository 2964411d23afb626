package org.vipboutiques.zenodo;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A descriptor in the cache folder.
 *
 * @param id the record
 * @param file the cache file, {@code <cache>/<server>/zenodo-N.json}
 * @param fromCache whether it was there already (nothing was asked of the server)
 * @param remoteName the file's name on Zenodo, when it was downloaded now
 */
public record Pulled(ZenodoId id, Path file, boolean fromCache, Optional<String> remoteName) {}
