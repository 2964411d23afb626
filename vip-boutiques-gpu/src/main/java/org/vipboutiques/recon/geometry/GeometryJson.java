package org.vipboutiques.recon.geometry;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Optional;

/**
 * Acquisition geometry as JSON, stored with sinograms and projections (in a NIfTI comment extension) so
 * that reconstruction finds the geometry the data were made with. Angles are kept exactly, in radians.
 */
public final class GeometryJson {
  private static final String PARALLEL = "parallel-beam";
  private static final String CONE = "cone-beam";

  private GeometryJson() {
  }

  public static String toJson(ParallelBeamGeometry g) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", PARALLEL);
    o.addProperty("convention", "bin b at s = (b - (bins-1)/2) * spacing + offset; ray x cos t + y sin t = s;"
        + " pixel (i, j) at ((i - (nx-1)/2) h, (j - (ny-1)/2) h); t in radians from +x towards +y");
    JsonObject image = new JsonObject();
    image.addProperty("nx", g.image().nx());
    image.addProperty("ny", g.image().ny());
    image.addProperty("pixel", g.image().pixelSize());
    o.add("image", image);
    JsonObject det = new JsonObject();
    det.addProperty("bins", g.detector().count());
    det.addProperty("spacing", g.detector().spacing());
    det.addProperty("offset", g.detector().offset());
    o.add("detector", det);
    o.add("angles_rad", angles(g.angles()));
    return o.toString();
  }

  public static String toJson(ConeBeamGeometry g) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", CONE);
    o.addProperty("convention", "source at R (sin b, -cos b, 0); detector u along (cos b, sin b, 0), v along z;"
        + " column c at u = (c - (columns-1)/2) du, row r at v = (r - (rows-1)/2) dv on the detector plane");
    JsonObject vol = new JsonObject();
    vol.addProperty("nx", g.volume().nx());
    vol.addProperty("ny", g.volume().ny());
    vol.addProperty("nz", g.volume().nz());
    vol.addProperty("voxel", g.volume().voxelSize());
    o.add("volume", vol);
    JsonObject det = new JsonObject();
    det.addProperty("columns", g.detector().columns());
    det.addProperty("rows", g.detector().rows());
    det.addProperty("column_spacing", g.detector().columnSpacing());
    det.addProperty("row_spacing", g.detector().rowSpacing());
    o.add("detector", det);
    o.addProperty("source_to_isocentre", g.sourceToIsocentre());
    o.addProperty("source_to_detector", g.sourceToDetector());
    o.add("angles_rad", angles(g.angles()));
    return o.toString();
  }

  /** The parallel-beam geometry in {@code json}, or empty when it describes something else. */
  public static Optional<ParallelBeamGeometry> parallel(String json) {
    JsonObject o = parse(json);
    if (o == null || !PARALLEL.equals(string(o, "kind"))) {
      return Optional.empty();
    }
    try {
      JsonObject image = o.getAsJsonObject("image");
      JsonObject det = o.getAsJsonObject("detector");
      return Optional.of(new ParallelBeamGeometry(
          new ImageGrid(image.get("nx").getAsInt(), image.get("ny").getAsInt(), image.get("pixel").getAsDouble()),
          new DetectorRow(det.get("bins").getAsInt(), det.get("spacing").getAsDouble(), det.get("offset").getAsDouble()),
          angles(o.getAsJsonArray("angles_rad"))));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed parallel-beam geometry in file header: " + e.getMessage(), e);
    }
  }

  /** The cone-beam geometry in {@code json}, or empty when it describes something else. */
  public static Optional<ConeBeamGeometry> cone(String json) {
    JsonObject o = parse(json);
    if (o == null || !CONE.equals(string(o, "kind"))) {
      return Optional.empty();
    }
    try {
      JsonObject vol = o.getAsJsonObject("volume");
      JsonObject det = o.getAsJsonObject("detector");
      return Optional.of(new ConeBeamGeometry(
          new VolumeGrid(vol.get("nx").getAsInt(), vol.get("ny").getAsInt(), vol.get("nz").getAsInt(),
              vol.get("voxel").getAsDouble()),
          new FlatDetector(det.get("columns").getAsInt(), det.get("rows").getAsInt(),
              det.get("column_spacing").getAsDouble(), det.get("row_spacing").getAsDouble()),
          angles(o.getAsJsonArray("angles_rad")),
          o.get("source_to_isocentre").getAsDouble(), o.get("source_to_detector").getAsDouble()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed cone-beam geometry in file header: " + e.getMessage(), e);
    }
  }

  private static JsonObject parse(String json) {
    try {
      JsonElement e = JsonParser.parseString(json);
      return e.isJsonObject() ? e.getAsJsonObject() : null;
    } catch (JsonParseException e) {
      return null;
    }
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }

  private static JsonArray angles(AngleSet a) {
    JsonArray arr = new JsonArray();
    for (double r : a.toArray()) {
      arr.add(r);
    }
    return arr;
  }

  private static AngleSet angles(JsonArray arr) {
    double[] r = new double[arr.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = arr.get(i).getAsDouble();
    }
    return AngleSet.of(r);
  }
}
