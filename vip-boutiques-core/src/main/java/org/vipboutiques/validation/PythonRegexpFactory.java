package org.vipboutiques.validation;

import org.everit.json.schema.regexp.JavaUtilRegexpFactory;
import org.everit.json.schema.regexp.Regexp;
import org.everit.json.schema.regexp.RegexpFactory;

/**
 * Schema patterns matched as Python's {@code re.search} matches them: {@code $} also matches
 * before a final {@code \n}, and before no other line terminator (Java's default also accepts
 * {@code \r}, {@code \u0085}, ...). The inline flag {@code (?d)} is Java's UNIX_LINES mode.
 */
final class PythonRegexpFactory implements RegexpFactory {

  private final RegexpFactory delegate = new JavaUtilRegexpFactory();

  @Override
  public Regexp createHandler(String regexp) {
    return delegate.createHandler("(?d)" + regexp);
  }
}
