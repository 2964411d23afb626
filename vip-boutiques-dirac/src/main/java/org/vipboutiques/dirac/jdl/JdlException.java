package org.vipboutiques.dirac.jdl;

import org.vipboutiques.BoutiquesException;

/**
 * A JDL that DIRAC would refuse or misread: a value with a character its ClassAd parser breaks
 * on, an attribute out of range, unreadable text. The message names the attribute and the fix.
 */
public final class JdlException extends BoutiquesException {

  private static final long serialVersionUID = 1L;

  public JdlException(String message) {
    super(message);
  }
}
