package org.vipboutiques.validation;

import java.math.BigDecimal;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;
import org.vipboutiques.json.JsonArray;
import org.vipboutiques.json.JsonBoolean;
import org.vipboutiques.json.JsonNumber;
import org.vipboutiques.json.JsonObject;
import org.vipboutiques.json.JsonString;
import org.vipboutiques.json.JsonValue;

/**
 * Converts our JSON values to the {@code org.json} values everit validates. Integers become
 * {@code Long} or {@code BigInteger}, other numbers {@code BigDecimal} (exact, and finite even
 * where a double would overflow), so that {@code 1.0} is not an integer, as in draft-04.
 */
final class OrgJson {

  private OrgJson() {}

  static Object convert(JsonValue value) {
    if (value instanceof JsonString s) {
      return s.value();
    }
    if (value instanceof JsonBoolean b) {
      return b.value();
    }
    if (value instanceof JsonNumber n) {
      if (n.isIntegral()) {
        var big = n.bigIntegerValue();
        return big.bitLength() < 63 ? (Object) big.longValue() : big;
      }
      return new BigDecimal(n.literal());
    }
    if (value instanceof JsonArray a) {
      JSONArray out = new JSONArray(a.size());
      for (JsonValue item : a.items()) {
        out.put(convert(item));
      }
      return out;
    }
    if (value instanceof JsonObject o) {
      JSONObject out = new JSONObject();
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        out.put(e.getKey(), convert(e.getValue()));
      }
      return out;
    }
    return JSONObject.NULL;
  }
}
