package org.vipboutiques.condition;

/**
 * Substring search in time linear in both texts, for {@code in} on values of any length:
 * {@link String#indexOf(String)} is quadratic in the worst case (a megabyte of {@code a} looked
 * for in a megabyte of {@code a} ending otherwise), as Python's search is not.
 */
final class Substrings {

  /** Below this needle length the plain search is quick whatever the text. */
  private static final int SHORT = 16;

  private Substrings() {}

  /** The index of the first occurrence of {@code needle} in {@code text}, or -1 (Knuth-Morris-Pratt). */
  static int indexOf(String text, String needle) {
    if (needle.length() <= SHORT) {
      return text.indexOf(needle);
    }
    int[] border = new int[needle.length()];
    for (int i = 1, k = 0; i < needle.length(); i++) {
      while (k > 0 && needle.charAt(i) != needle.charAt(k)) {
        k = border[k - 1];
      }
      if (needle.charAt(i) == needle.charAt(k)) {
        k++;
      }
      border[i] = k;
    }
    for (int i = 0, k = 0; i < text.length(); i++) {
      while (k > 0 && text.charAt(i) != needle.charAt(k)) {
        k = border[k - 1];
      }
      if (text.charAt(i) == needle.charAt(k)) {
        k++;
      }
      if (k == needle.length()) {
        return i - k + 1;
      }
    }
    return -1;
  }
}
