package org.vipboutiques.commandline;

/** Python's {@code shlex.quote}: bare when every character is safe, else single-quoted. */
public final class ShellQuoting {

  private ShellQuoting() {}

  public static String quote(String s) {
    if (s.isEmpty()) {
      return "''";
    }
    if (isSafe(s)) {
      return s;
    }
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }

  private static boolean isSafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '@' || c == '%' || c == '+' || c == '=' || c == ':' || c == ','
          || c == '.' || c == '/' || c == '-';
      if (!safe) {
        return false;
      }
    }
    return true;
  }
}
