package org.vipboutiques.zenodo;

import java.util.Optional;

/**
 * A file of a record, as Zenodo lists it; all of it is data from the server (the name is shown,
 * never used as a path).
 *
 * @param key the file's name on Zenodo
 * @param link where it is downloaded ({@code links.self})
 * @param size its size in bytes, when given
 * @param checksum its checksum as Zenodo writes it ({@code md5:...}), when given
 */
public record ZenodoFile(String key, String link, Optional<Long> size, Optional<String> checksum) {}
