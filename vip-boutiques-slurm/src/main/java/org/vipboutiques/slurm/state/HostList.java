package org.vipboutiques.slurm.state;

import java.util.ArrayList;
import java.util.List;

/** Slurm's compact host lists: {@code node[01-03,7],gpu1} is node01, node02, node03, node7, gpu1. */
public final class HostList {

  private HostList() {}

  public static List<String> expand(String list) {
    List<String> out = new ArrayList<>();
    for (String item : split(list.strip())) {
      expandItem(item, out);
    }
    return out;
  }

  /** Splits at the commas outside brackets. */
  private static List<String> split(String list) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(list.substring(start, i));
        start = i + 1;
      }
    }
    items.add(list.substring(start));
    return items.stream().filter(s -> !s.isBlank()).toList();
  }

  private static void expandItem(String item, List<String> out) {
    int open = item.indexOf('[');
    int close = item.indexOf(']', open + 1);
    if (open < 0 || close < 0) {
      out.add(item);
      return;
    }
    String prefix = item.substring(0, open);
    String suffix = item.substring(close + 1);
    for (String part : item.substring(open + 1, close).split(",")) {
      int dash = part.indexOf('-');
      if (dash < 0) {
        expandItem(prefix + part + suffix, out);
        continue;
      }
      String from = part.substring(0, dash);
      String to = part.substring(dash + 1);
      try {
        int a = Integer.parseInt(from);
        int b = Integer.parseInt(to);
        for (int n = a; n <= b; n++) {
          // Zero padding follows the first bound: node[01-10] gives node01 ... node10.
          String num = Integer.toString(n);
          while (num.length() < from.length()) {
            num = "0" + num;
          }
          expandItem(prefix + num + suffix, out);
        }
      } catch (NumberFormatException e) {
        out.add(item);
        return;
      }
    }
  }
}
