package org.vipboutiques.dirac.diracx;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vipboutiques.dirac.DiracException;
import org.vipboutiques.dirac.DiracSettings;
import org.vipboutiques.dirac.jdl.Jdl;
import org.vipboutiques.dirac.jdl.JdlException;
import org.vipboutiques.dirac.jdl.JdlWriter;
import org.vipboutiques.dirac.transport.DiracTransport;
import org.vipboutiques.dirac.transport.GridSubmission;
import org.vipboutiques.dirac.transport.JobStatusRecord;
import org.vipboutiques.dirac.transport.SubmitResult;
import org.vipboutiques.dirac.wrapper.SandboxArchive;
import org.vipboutiques.execution.Durations;
import org.vipboutiques.execution.job.OwnerOnly;

/**
 * The DiracX REST transport: input sandboxes uploaded once per checksum, plain JDLs submitted
 * in lists of at most 20 (parametric JDLs would stay {@code Submitting} in DiracX), status by
 * {@code /api/jobs/search} over many ids with pagination, kill and delete by
 * {@code PATCH /api/jobs/status} stamped with the server's clock, output sandboxes downloaded
 * from their presigned URLs. A submission whose answer is lost is reconciled by searching its
 * JobNames before anything is sent again: DiracX has no idempotency key.
 */
public final class DiracxTransport implements DiracTransport {

  private static final Logger LOG = LoggerFactory.getLogger(DiracxTransport.class);
  /** DiracX's per-page maximum. */
  static final int MAX_PER_PAGE = 10_000;
  private static final Pattern CONTENT_RANGE = Pattern.compile("jobs\\s+(\\d+)-(\\d+)/(\\d+)");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX")
      .withZone(ZoneOffset.UTC);
  private static final List<String> COLUMNS = List.of("JobID", "JobName", "Status", "MinorStatus", "ApplicationStatus",
      "Site");

  private final DiracxHttp http;
  private final DiracSettings settings;
  private final String format;
  private final int resubmitAttempts;
  private final Duration lookupWait;
  private final Map<String, String> pfnByChecksum = new ConcurrentHashMap<>();

  public DiracxTransport(DiracSettings settings) {
    String url = settings.url().orElseThrow(() -> new IllegalArgumentException("the diracx transport needs the"
        + " service URL: set the url setting or DIRACX_URL"));
    this.http = new DiracxHttp(url, settings);
    this.settings = settings;
    this.format = settings.sandboxFormat();
    this.resubmitAttempts = Math.max(1, settings.httpRetries());
    this.lookupWait = settings.submitLookupWait();
  }

  public DiracxHttp http() {
    return http;
  }

  @Override
  public String name() {
    return "diracx";
  }

  @Override
  public SubmitResult submit(GridSubmission submission) throws DiracException {
    String pfn = uploadSandbox(SandboxArchive.archive(submission.sandbox().files(), format));
    Map<String, Long> submitted = new LinkedHashMap<>();
    Map<String, String> refused = new LinkedHashMap<>();
    Set<String> unknown = new LinkedHashSet<>();
    List<GridSubmission.Entry> jobs = submission.jobs();
    for (int i = 0; i < jobs.size(); i += JdlWriter.MAX_BULK) {
      List<GridSubmission.Entry> chunk = jobs.subList(i, Math.min(jobs.size(), i + JdlWriter.MAX_BULK));
      submitChunk(chunk, pfn, submitted, refused, unknown);
    }
    return new SubmitResult(submitted, refused, unknown);
  }

  private void submitChunk(List<GridSubmission.Entry> chunk, String pfn, Map<String, Long> submitted,
      Map<String, String> refused, Set<String> unknown) throws DiracException {
    List<GridSubmission.Entry> pending = new ArrayList<>(chunk);
    for (int attempt = 0; attempt < resubmitAttempts && !pending.isEmpty(); attempt++) {
      JsonArray body = new JsonArray();
      for (GridSubmission.Entry e : pending) {
        try {
          body.add(JdlWriter.write(e.jdl().toBuilder().list("InputSandbox", List.of(pfn)).build()));
        } catch (JdlException x) {
          throw new DiracException("job " + e.key() + ": " + x.getMessage(), x);
        }
      }
      DiracxHttp.Answer a;
      try {
        a = http.call("POST", "api/jobs/jdl", body.toString(), DiracxHttp.Retry.ONCE);
      } catch (DiracException e) {
        if (!e.ambiguous()) {
          throw e;
        }
        // The jobs may exist, or may come to exist: look them up by their JobNames before sending
        // anything again.
        LOG.info("submission of {} jobs got no answer ({}); looking them up", pending.size(), e.getMessage());
        Map<String, Long> found = awaitByName(pending.stream().map(GridSubmission.Entry::key).toList());
        submitted.putAll(found);
        pending.removeIf(p -> found.containsKey(p.key()));
        continue;
      }
      if (a.status() == 200 || a.status() == 201) {
        JsonArray ids = a.json().getAsJsonArray();
        if (ids.size() != pending.size()) {
          // Not the documented answer: trust only a lookup by name.
          Map<String, Long> found = findByName(pending.stream().map(GridSubmission.Entry::key).toList());
          submitted.putAll(found);
          pending.removeIf(p -> found.containsKey(p.key()));
          continue;
        }
        // One request is one transaction: its answer lists the jobs in the order of its JDLs.
        for (int k = 0; k < pending.size(); k++) {
          submitted.put(pending.get(k).key(), ids.get(k).getAsJsonObject().get("JobID").getAsLong());
        }
        pending.clear();
      } else {
        String why = "DiracX refused the submission (HTTP " + a.status() + ": " + a.detail() + ")";
        if (a.status() == 401 || a.status() == 403) {
          throw new DiracException(why, false, false, a.status(), null);
        }
        for (GridSubmission.Entry p : pending) {
          refused.put(p.key(), why);
        }
        pending.clear();
      }
    }
    for (GridSubmission.Entry p : pending) {
      unknown.add(p.key());
    }
  }

  /** Uploads a sandbox archive unless DiracX already has it; returns its {@code SB:} pfn. */
  public String uploadSandbox(byte[] archive) throws DiracException {
    String checksum = SandboxArchive.sha256(archive);
    String known = pfnByChecksum.get(checksum);
    if (known != null) {
      return known;
    }
    JsonObject req = new JsonObject();
    req.addProperty("checksum_algorithm", "sha256");
    req.addProperty("checksum", checksum);
    req.addProperty("size", archive.length);
    req.addProperty("format", format);
    DiracxHttp.Answer a = http.call("POST", "api/jobs/sandbox", req.toString(), DiracxHttp.Retry.IDEMPOTENT);
    if (a.status() != 200 && a.status() != 201) {
      throw new DiracException("DiracX refused the input sandbox (HTTP " + a.status() + ": " + a.detail()
          + "); sandboxes are limited to 100 MiB", false, false, a.status(), null);
    }
    JsonObject o = a.json().getAsJsonObject();
    String pfn = o.get("pfn").getAsString();
    JsonElement url = o.get("url");
    if (url != null && !url.isJsonNull()) {
      Map<String, String> fields = new LinkedHashMap<>();
      if (o.has("fields") && o.get("fields").isJsonObject()) {
        o.getAsJsonObject("fields").entrySet().forEach(f -> fields.put(f.getKey(), f.getValue().getAsString()));
      }
      String boundary = "vipb" + Long.toHexString(ThreadLocalRandom.current().nextLong());
      DiracxHttp.Answer up = http.unauthenticated("POST", URI.create(url.getAsString()),
          multipart(boundary, fields, archive, "sandbox." + format), "multipart/form-data; boundary=" + boundary,
          DiracxHttp.Retry.IDEMPOTENT);
      if (up.status() / 100 != 2) {
        throw new DiracException("the sandbox store refused the upload (HTTP " + up.status() + ": " + up.detail() + ")",
            up.status() >= 500, false, up.status(), null);
      }
    }
    pfnByChecksum.put(checksum, pfn);
    return pfn;
  }

  static byte[] multipart(String boundary, Map<String, String> fields, byte[] file, String fileName) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 2048);
    StringBuilder head = new StringBuilder();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(f.getKey())
          .append("\"\r\n\r\n").append(f.getValue()).append("\r\n");
    }
    head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
        .append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(file);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Override
  public List<JobStatusRecord> status(Collection<Long> jobIds) throws DiracException {
    List<Long> ids = List.copyOf(new LinkedHashSet<>(jobIds));
    List<JobStatusRecord> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i += MAX_PER_PAGE) {
      JsonArray values = new JsonArray();
      ids.subList(i, Math.min(ids.size(), i + MAX_PER_PAGE)).forEach(values::add);
      search("JobID", values, out);
    }
    return out;
  }

  /**
   * Looks jobs up by name until all are found or {@code submit-lookup-wait} has passed. A request
   * the service was still processing when the client gave up creates its jobs later: looked up
   * only once, they would be missed and sent again as twins.
   */
  private Map<String, Long> awaitByName(List<String> keys) throws DiracException {
    Map<String, Long> found = new LinkedHashMap<>(findByName(keys));
    long deadline = System.nanoTime() + lookupWait.toNanos();
    long pause = 500;
    while (found.size() < keys.size()) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      try {
        Thread.sleep(Math.min(pause, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DiracException("interrupted while looking up " + (keys.size() - found.size()) + " jobs whose"
            + " submission got no answer; they may exist", false, true, 0, e);
      }
      pause = Math.min(pause * 2, 5000);
      found.putAll(findByName(keys.stream().filter(k -> !found.containsKey(k)).toList()));
    }
    if (found.size() < keys.size()) {
      LOG.info("{} of {} jobs not found {} after their submission got no answer; sending them again",
          keys.size() - found.size(), keys.size(), Durations.format(lookupWait));
    }
    return found;
  }

  @Override
  public Map<String, Long> findByName(Collection<String> keys) throws DiracException {
    List<String> names = List.copyOf(new LinkedHashSet<>(keys));
    List<JobStatusRecord> rows = new ArrayList<>();
    for (int i = 0; i < names.size(); i += MAX_PER_PAGE) {
      JsonArray values = new JsonArray();
      names.subList(i, Math.min(names.size(), i + MAX_PER_PAGE)).forEach(values::add);
      search("JobName", values, rows);
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (JobStatusRecord r : rows) {
      // Several jobs of one name would be a duplicate: keep the first, the others are reported.
      r.jobName().ifPresent(n -> {
        Long previous = out.putIfAbsent(n, r.jobId());
        if (previous != null && previous != r.jobId()) {
          LOG.warn("two DIRAC jobs are named {}: {} and {}; following {}", n, previous, r.jobId(), previous);
        }
      });
    }
    return out;
  }

  @Override
  public boolean canSearchByName() {
    return true;
  }

  private void search(String column, JsonArray values, List<JobStatusRecord> out) throws DiracException {
    JsonObject body = new JsonObject();
    JsonArray params = new JsonArray();
    COLUMNS.forEach(params::add);
    body.add("parameters", params);
    JsonArray search = new JsonArray();
    JsonObject filter = new JsonObject();
    filter.addProperty("parameter", column);
    filter.addProperty("operator", "in");
    filter.add("values", values);
    search.add(filter);
    body.add("search", search);
    JsonArray sort = new JsonArray();
    JsonObject byId = new JsonObject();
    byId.addProperty("parameter", "JobID");
    byId.addProperty("direction", "asc");
    sort.add(byId);
    body.add("sort", sort);
    body.addProperty("distinct", false);
    String text = body.toString();
    int perPage = Math.min(MAX_PER_PAGE, Math.max(1, values.size()));
    int received = 0;
    for (int page = 1; ; page++) {
      DiracxHttp.Answer a = http.call("POST", "api/jobs/search?page=" + page + "&per_page=" + perPage, text,
          DiracxHttp.Retry.IDEMPOTENT);
      if (a.status() == 416) {
        return;
      }
      if (a.status() != 200 && a.status() != 206) {
        throw new DiracException("DiracX refused the job search (HTTP " + a.status() + ": " + a.detail() + ")", false,
            false, a.status(), null);
      }
      JsonArray rows = a.json().getAsJsonArray();
      for (JsonElement e : rows) {
        JsonObject r = e.getAsJsonObject();
        out.add(new JobStatusRecord(r.get("JobID").getAsLong(), str(r, "Status").orElse("Unknown"),
            str(r, "MinorStatus").orElse(""), str(r, "ApplicationStatus").orElse(""), str(r, "Site").orElse(""),
            str(r, "JobName")));
      }
      received += rows.size();
      Optional<String> range = a.headers().firstValue("Content-Range");
      if (a.status() == 200 || range.isEmpty() || rows.isEmpty()) {
        return;
      }
      Matcher m = CONTENT_RANGE.matcher(range.get());
      if (!m.find() || received >= Long.parseLong(m.group(3))) {
        return;
      }
    }
  }

  private static Optional<String> str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(e.getAsString());
  }

  @Override
  public void kill(Collection<Long> jobIds) throws DiracException {
    setStatus(jobIds, "Killed", "Marked for termination");
  }

  @Override
  public void delete(Collection<Long> jobIds) throws DiracException {
    setStatus(jobIds, "Deleted", "Marked for deletion");
  }

  private void setStatus(Collection<Long> jobIds, String status, String minor) throws DiracException {
    List<Long> ids = List.copyOf(new LinkedHashSet<>(jobIds));
    for (int i = 0; i < ids.size(); i += 500) {
      patch(ids.subList(i, Math.min(ids.size(), i + 500)), status, minor);
    }
  }

  private void patch(List<Long> ids, String status, String minor) throws DiracException {
    if (ids.isEmpty()) {
      return;
    }
    // Stamped with the server's clock: an update older than the job's last record is only logged.
    String stamp = STAMP.format(Instant.ofEpochMilli(http.serverNowMillis() + 1000));
    JsonObject body = new JsonObject();
    for (long id : ids) {
      JsonObject change = new JsonObject();
      change.addProperty("Status", status);
      change.addProperty("MinorStatus", minor);
      change.addProperty("Source", "User");
      JsonObject at = new JsonObject();
      at.add(stamp, change);
      body.add(Long.toString(id), at);
    }
    DiracxHttp.Answer a = http.call("PATCH", "api/jobs/status?force=false", body.toString(), DiracxHttp.Retry.IDEMPOTENT);
    if (a.status() == 403 && ids.size() > 1) {
      // One unknown or foreign id refuses the whole request: split to set the others.
      patch(ids.subList(0, ids.size() / 2), status, minor);
      patch(ids.subList(ids.size() / 2, ids.size()), status, minor);
      return;
    }
    if (a.status() != 200) {
      throw new DiracException("DiracX refused to set " + ids + " " + status + " (HTTP " + a.status() + ": "
          + a.detail() + ")" + (a.status() == 403 ? "; the job is unknown or not yours" : ""), false, false,
          a.status(), null);
    }
  }

  @Override
  public boolean fetchOutput(long jobId, Path folder) throws DiracException {
    DiracxHttp.Answer a = http.call("GET", "api/jobs/" + jobId + "/sandbox", null, DiracxHttp.Retry.IDEMPOTENT);
    if (a.status() != 200) {
      throw new DiracException("DiracX refused the sandboxes of job " + jobId + " (HTTP " + a.status() + ": "
          + a.detail() + ")", false, false, a.status(), null);
    }
    JsonObject o = a.json().getAsJsonObject();
    JsonArray outputs = o.has("Output") && o.get("Output").isJsonArray() ? o.getAsJsonArray("Output") : new JsonArray();
    if (outputs.isEmpty() || outputs.get(0).isJsonNull()) {
      return false;
    }
    String pfn = outputs.get(0).getAsString();
    DiracxHttp.Answer where = http.call("GET", "api/jobs/sandbox?pfn=" + TokenManager.enc(pfn), null,
        DiracxHttp.Retry.IDEMPOTENT);
    if (where.status() != 200) {
      throw new DiracException("DiracX refused the output sandbox " + pfn + " of job " + jobId + " (HTTP "
          + where.status() + ": " + where.detail() + ")", false, false, where.status(), null);
    }
    String url = where.json().getAsJsonObject().get("url").getAsString();
    // Streamed to disk, then unpacked from there: a sandbox is never held in memory whole.
    SandboxArchive.Limits limits = settings.unpackLimits();
    Path download = null;
    try {
      OwnerOnly.createFolders(folder);
      download = Files.createTempFile(folder.toAbsolutePath().getParent(), ".vipb-sandbox-" + jobId + "-", ".part");
      int status = http.download(URI.create(url), download, limits.maxBytes());
      if (status != 200) {
        throw new DiracException("cannot download the output sandbox of job " + jobId + " (HTTP " + status + ")",
            status >= 500, false, status, null);
      }
      try (InputStream in = Files.newInputStream(download)) {
        SandboxArchive.extract(in, SandboxArchive.formatOf(pfn), folder, limits, name -> true);
      }
    } catch (IOException e) {
      throw new DiracException("the output sandbox of job " + jobId + " is refused: " + e.getMessage(), e);
    } finally {
      if (download != null) {
        try {
          Files.deleteIfExists(download);
        } catch (IOException e) {
          // a leftover temporary file
        }
      }
    }
    return true;
  }

  /** Jdl helper for callers that want the exact body DiracX receives. */
  public static String jdlText(Jdl jdl, String pfn) throws JdlException {
    return JdlWriter.write(jdl.toBuilder().list("InputSandbox", List.of(pfn)).build());
  }

  @Override
  public void close() {
    // java.net.http's client has nothing to close on Java 17
  }
}
