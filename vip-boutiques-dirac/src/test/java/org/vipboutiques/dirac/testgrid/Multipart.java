package org.vipboutiques.dirac.testgrid;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal multipart/form-data reader for the test grid's presigned upload. */
final class Multipart {

  private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

  private Multipart() {}

  static Map<String, byte[]> parse(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    Map<String, byte[]> out = new LinkedHashMap<>();
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int start = pos + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      start += 2; // CRLF
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      if (headersEnd < 0) {
        break;
      }
      String headers = new String(body, start, headersEnd - start, StandardCharsets.ISO_8859_1);
      int next = indexOf(body, delimiter, headersEnd + 4);
      if (next < 0) {
        break;
      }
      byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next - 2);
      Matcher m = NAME.matcher(headers);
      if (m.find()) {
        out.put(m.group(1), content);
      }
      pos = next;
    }
    return out;
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int k = 0; k < pattern.length; k++) {
        if (data[i + k] != pattern[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
