package org.vipboutiques.zenodo;

import java.net.URI;
import java.util.List;

/**
 * One page of a search, as Zenodo answered it.
 *
 * @param total {@code hits.total}: how many records match, on all pages
 * @param records the hits of this page, in Zenodo's order
 * @param request the URL asked
 */
public record SearchResults(long total, List<ZenodoRecord> records, URI request) {

  public SearchResults {
    records = List.copyOf(records);
  }
}
