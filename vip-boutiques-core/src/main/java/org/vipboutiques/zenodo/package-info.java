/**
 * Descriptors published on Zenodo, read as the reference ({@code bosh pull}, {@code bosh search})
 * reads them: the same REST calls, the same cache folder ({@code ~/.cache/boutiques/production}
 * or {@code sandbox}, files {@code zenodo-N.json}), so that a descriptor pulled by one tool is
 * used by the other, and from the cache when there is no network.
 *
 * <p>{@link org.vipboutiques.zenodo.Zenodo} is the entry point; {@link org.vipboutiques.Boutiques#load(String)}
 * uses it for arguments such as {@code zenodo.1234567}.
 */
package org.vipboutiques.zenodo;
