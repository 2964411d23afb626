package org.vipboutiques.dirac.wrapper;

import java.util.Objects;

/**
 * A grid file given as an {@code lfn:} URI to a File input: it becomes JDL {@code InputData}
 * and is fetched on the worker under {@code localName}, the name the command line uses.
 *
 * @param lfn the logical file name, {@code /<vo>/...}
 */
public record LfnInput(String inputId, String lfn, String localName) {

  public LfnInput {
    Objects.requireNonNull(inputId, "inputId");
    Objects.requireNonNull(lfn, "lfn");
    Objects.requireNonNull(localName, "localName");
  }

  /** The JDL form, {@code LFN:/<vo>/...}. */
  public String jdlForm() {
    return "LFN:" + lfn;
  }
}
