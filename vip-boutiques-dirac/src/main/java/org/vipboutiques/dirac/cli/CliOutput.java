package org.vipboutiques.dirac.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vipboutiques.dirac.transport.JobStatusRecord;

/**
 * Reads what DIRAC's {@code dirac-wms-*} commands print, exactly as documented:
 * {@code JobID = 123} or {@code JobID = [1047, 1048]} per submitted JDL and {@code ERROR <jdl>: msg}
 * per refused one; {@code JobID=2 Status=Done; MinorStatus=...; Site=...;} per job status (keys
 * in any order); {@code Job output sandbox retrieved in DIR/1/}; {@code Killed jobs 1,2}.
 */
public final class CliOutput {

  private static final Pattern SUBMITTED = Pattern.compile("^JobID\\s*=\\s*(\\[([0-9,\\s]*)]|(\\d+))\\s*$");
  private static final Pattern SUBMIT_ERROR = Pattern.compile("^ERROR\\s+(.+?):\\s*(.*)$");
  private static final Pattern RETRIEVED = Pattern.compile("^Job output sandbox retrieved in\\s+(.+?)/?$");

  private CliOutput() {}

  /** The ids printed for submitted JDLs, in the order printed (one list per JDL). */
  public static List<List<Long>> submittedIds(List<String> lines) {
    List<List<Long>> out = new ArrayList<>();
    for (String line : lines) {
      Matcher m = SUBMITTED.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      List<Long> ids = new ArrayList<>();
      if (m.group(3) != null) {
        ids.add(Long.parseLong(m.group(3)));
      } else {
        for (String s : m.group(2).split(",")) {
          if (!s.isBlank()) {
            ids.add(Long.parseLong(s.strip()));
          }
        }
      }
      out.add(ids);
    }
    return out;
  }

  /** {@code ERROR <jdl>: <msg>} lines: JDL file to message. */
  public static Map<String, String> submitErrors(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher m = SUBMIT_ERROR.matcher(line.strip());
      if (m.matches()) {
        out.put(m.group(1).strip(), m.group(2).strip());
      }
    }
    return out;
  }

  /** One status line, or empty when the line is not one. */
  public static Optional<JobStatusRecord> statusLine(String line) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String segment : line.split(";")) {
      String s = segment.strip();
      while (!s.isEmpty()) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
          break;
        }
        String key = s.substring(0, eq).strip();
        String rest = s.substring(eq + 1);
        if (key.equals("JobID")) {
          // "JobID=2 Status=Done": the id, then another key=value in the same segment.
          Matcher m = Pattern.compile("^\\s*(\\d+)\\s*(.*)$").matcher(rest);
          if (!m.matches()) {
            return Optional.empty();
          }
          values.put("JobID", m.group(1));
          s = m.group(2).strip();
          continue;
        }
        values.put(key, rest.strip());
        break;
      }
    }
    String id = values.get("JobID");
    String status = values.get("Status");
    if (id == null || status == null) {
      return Optional.empty();
    }
    return Optional.of(new JobStatusRecord(Long.parseLong(id), status, values.getOrDefault("MinorStatus", ""),
        values.getOrDefault("ApplicationStatus", ""), values.getOrDefault("Site", ""), Optional.empty()));
  }

  public static List<JobStatusRecord> statuses(List<String> lines) {
    List<JobStatusRecord> out = new ArrayList<>();
    for (String line : lines) {
      statusLine(line).ifPresent(out::add);
    }
    return out;
  }

  /** The folder of {@code Job output sandbox retrieved in DIR/1/}. */
  public static Optional<String> retrievedIn(List<String> lines) {
    for (String line : lines) {
      Matcher m = RETRIEVED.matcher(line.strip());
      if (m.matches()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** The first {@code ERROR...} line, when there is one. */
  public static Optional<String> firstError(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith("ERROR")).findFirst();
  }
}
