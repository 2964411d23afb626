package org.vipboutiques.dirac.testgrid;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * The fake {@code dirac-wms-*} executables: each relays its arguments and folder to the test
 * grid ({@code VIPB_TESTGRID_URL}) and prints what the grid says DIRAC would print, exiting with
 * DIRAC's code.
 */
public final class FakeDiracCommand {

  private FakeDiracCommand() {}

  public static void main(String[] args) throws Exception {
    String url = System.getenv("VIPB_TESTGRID_URL");
    if (url == null) {
      System.err.println("ERROR: VIPB_TESTGRID_URL is not set (source the test grid's diracosrc)");
      System.exit(2);
    }
    JsonObject req = new JsonObject();
    req.addProperty("cmd", args[0]);
    JsonArray a = new JsonArray();
    for (int i = 1; i < args.length; i++) {
      a.add(args[i]);
    }
    req.add("args", a);
    req.addProperty("cwd", Path.of("").toAbsolutePath().toString());
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/testgrid/cli"))
        .POST(HttpRequest.BodyPublishers.ofString(req.toString())).build(), HttpResponse.BodyHandlers.ofString());
    JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
    System.out.print(o.get("stdout").getAsString());
    System.err.print(o.get("stderr").getAsString());
    System.out.flush();
    System.exit(o.get("exit").getAsInt());
  }
}
