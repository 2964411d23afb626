package org.vipboutiques.json;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JSON text into {@link JsonValue}s with Gson's streaming reader, iteratively (no
 * recursion, so depth is bounded by {@link JsonLimits}, not by the thread stack). Duplicate
 * keys keep their first position and their last value, as Python's {@code json} does.
 */
public final class JsonParser {

  /** The longest number literal Gson's reader takes, in characters (its buffer, less one). */
  static final int MAX_NUMBER_CHARS = 1023;

  private static final Pattern GSON_LOCATION = Pattern.compile(" at line (\\d+) column (\\d+)");

  private final JsonLimits limits;

  public JsonParser(JsonLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public static JsonParser withDefaults() {
    return new JsonParser(JsonLimits.DEFAULT);
  }

  public JsonLimits limits() {
    return limits;
  }

  /** Reads a file. */
  public JsonValue parse(Path file) throws JsonInputException {
    String source = file.toString();
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new JsonInputException(JsonInputException.Kind.IO, source, describe(e));
    }
    if (size > limits.maxBytes()) {
      throw tooLarge(source, size);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, source);
    } catch (IOException e) {
      throw new JsonInputException(JsonInputException.Kind.IO, source, describe(e));
    }
  }

  /** Reads a stream to its end (at most {@link JsonLimits#maxBytes()} bytes). */
  public JsonValue parse(InputStream in, String source) throws JsonInputException {
    byte[] bytes;
    try {
      bytes = in.readNBytes((int) limits.maxBytes() + 1);
    } catch (IOException e) {
      throw new JsonInputException(JsonInputException.Kind.IO, source, describe(e));
    }
    if (bytes.length > limits.maxBytes()) {
      throw tooLarge(source, bytes.length);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new JsonInputException(JsonInputException.Kind.ENCODING, source,
          "not valid UTF-8 text; save the file as UTF-8");
    }
    return parse(text, source);
  }

  /** Parses JSON text. */
  public JsonValue parse(String text, String source) throws JsonInputException {
    if (text.length() > limits.maxBytes()) {
      throw tooLarge(source, text.length());
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      throw new JsonInputException(JsonInputException.Kind.SYNTAX, source, 1, 1,
          "starts with a byte-order mark, which JSON does not allow; save the file as UTF-8 without BOM");
    }
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    reader.setNestingLimit(Integer.MAX_VALUE);
    try {
      JsonValue value = read(reader, source);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw syntax(source, text, reader, "unexpected content after the JSON value");
      }
      return value;
    } catch (JsonInputException e) {
      throw e;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw syntaxFrom(source, text, reader, e);
    }
  }

  /** Parses JSON text that must be an object. */
  public JsonObject parseObject(String text, String source) throws JsonInputException {
    return requireObject(parse(text, source), source);
  }

  /** Reads a file that must hold an object. */
  public JsonObject parseObject(Path file) throws JsonInputException {
    return requireObject(parse(file), file.toString());
  }

  public static JsonObject requireObject(JsonValue value, String source) throws JsonInputException {
    if (value instanceof JsonObject o) {
      return o;
    }
    throw new JsonInputException(JsonInputException.Kind.NOT_AN_OBJECT, source,
        "expected a JSON object at the top level, found " + article(value.typeName()));
  }

  private static String article(String type) {
    return (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
  }

  private JsonValue read(JsonReader reader, String source) throws IOException, JsonInputException {
    // Containers under construction; keys pending for objects.
    Deque<Object> stack = new ArrayDeque<>();
    Deque<String> keys = new ArrayDeque<>();
    JsonValue result = null;
    do {
      JsonToken token = reader.peek();
      JsonValue completed = null;
      switch (token) {
        case BEGIN_ARRAY -> {
          reader.beginArray();
          push(stack, new ArrayList<JsonValue>(), source, reader);
        }
        case BEGIN_OBJECT -> {
          reader.beginObject();
          push(stack, new LinkedHashMap<String, JsonValue>(), source, reader);
        }
        case END_ARRAY -> {
          reader.endArray();
          @SuppressWarnings("unchecked")
          List<JsonValue> items = (List<JsonValue>) stack.pop();
          completed = new JsonArray(items);
        }
        case END_OBJECT -> {
          reader.endObject();
          @SuppressWarnings("unchecked")
          Map<String, JsonValue> members = (Map<String, JsonValue>) stack.pop();
          completed = new JsonObject(members);
        }
        case NAME -> keys.push(reader.nextName());
        case STRING -> completed = new JsonString(reader.nextString());
        case NUMBER -> completed = JsonNumber.parse(reader.nextString());
        case BOOLEAN -> completed = JsonBoolean.of(reader.nextBoolean());
        case NULL -> {
          reader.nextNull();
          completed = JsonNull.INSTANCE;
        }
        case END_DOCUMENT -> throw new IOException("unexpected end of input");
        default -> throw new IOException("unexpected token " + token);
      }
      if (completed != null) {
        if (stack.isEmpty()) {
          result = completed;
        } else {
          add(stack.peek(), keys, completed);
        }
      }
    } while (result == null);
    return result;
  }

  @SuppressWarnings("unchecked")
  private static void add(Object container, Deque<String> keys, JsonValue value) {
    if (container instanceof List<?> list) {
      ((List<JsonValue>) list).add(value);
    } else {
      ((Map<String, JsonValue>) container).put(keys.pop(), value);
    }
  }

  private void push(Deque<Object> stack, Object container, String source, JsonReader reader)
      throws JsonInputException {
    if (stack.size() >= limits.maxDepth()) {
      throw new JsonInputException(JsonInputException.Kind.TOO_DEEP, source,
          "nested deeper than " + limits.maxDepth() + " levels (at " + reader.getPath()
              + "); flatten the document or raise the depth limit");
    }
    stack.push(container);
  }

  private JsonInputException tooLarge(String source, long size) {
    return new JsonInputException(JsonInputException.Kind.TOO_LARGE, source,
        "input of " + size + " bytes is larger than the limit of " + limits.maxBytes()
            + " bytes; raise the limit if this is intended");
  }

  private static JsonInputException syntaxFrom(String source, String text, JsonReader reader, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Matcher m = GSON_LOCATION.matcher(message);
    int line = 0;
    int column = 0;
    String detail = message;
    if (m.find()) {
      line = Integer.parseInt(m.group(1));
      column = Integer.parseInt(m.group(2));
      detail = message.substring(0, m.start());
    } else {
      int[] lc = endOf(text);
      line = lc[0];
      column = lc[1];
    }
    int literal = numberLength(text, line, column);
    if (literal > MAX_NUMBER_CHARS) {
      return new JsonInputException(JsonInputException.Kind.SYNTAX, source, line, column,
          "a number of " + literal + " characters, longer than the limit of " + MAX_NUMBER_CHARS
              + " characters; write it with fewer digits (an exponent, or fewer decimals), or as a string");
    }
    int seeIdx = detail.indexOf("\nSee https://");
    if (seeIdx >= 0) {
      detail = detail.substring(0, seeIdx);
    }
    detail = detail.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "")
        .replaceAll("\\s+$", "");
    if (detail.endsWith(";") || detail.endsWith(".")) {
      detail = detail.substring(0, detail.length() - 1);
    }
    if (detail.isBlank()) {
      detail = "unexpected text here (JSON allows only objects, arrays, strings in double quotes, numbers,"
          + " true, false and null)";
    }
    return new JsonInputException(JsonInputException.Kind.SYNTAX, source, line, column,
        "not valid JSON: " + lowerFirst(detail));
  }

  private static JsonInputException syntax(String source, String text, JsonReader reader, String detail) {
    String where = reader.toString();
    Matcher m = GSON_LOCATION.matcher(where);
    if (m.find()) {
      return new JsonInputException(JsonInputException.Kind.SYNTAX, source,
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), "not valid JSON: " + detail);
    }
    int[] lc = endOf(text);
    return new JsonInputException(JsonInputException.Kind.SYNTAX, source, lc[0], lc[1],
        "not valid JSON: " + detail);
  }

  /**
   * The length of the number literal that starts at {@code line}:{@code column} (1-based), or 0
   * where no number starts there. Gson reads a number of {@value #MAX_NUMBER_CHARS} characters
   * at most and reports a longer one as malformed without saying why.
   */
  private static int numberLength(String text, int line, int column) {
    int offset = 0;
    for (int l = 1; l < line && offset >= 0; l++) {
      offset = text.indexOf('\n', offset);
      offset = offset < 0 ? -1 : offset + 1;
    }
    if (offset < 0 || line < 1 || column < 1) {
      return 0;
    }
    int start = offset + column - 1;
    if (start >= text.length() || !(text.charAt(start) == '-' || Character.isDigit(text.charAt(start)))) {
      return 0;
    }
    int end = start;
    while (end < text.length() && "0123456789+-.eE".indexOf(text.charAt(end)) >= 0) {
      end++;
    }
    return end - start;
  }

  private static int[] endOf(String text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }

  private static String lowerFirst(String s) {
    if (s.isEmpty() || s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
      return s;
    }
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
