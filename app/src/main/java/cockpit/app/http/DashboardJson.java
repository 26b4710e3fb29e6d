package cockpit.app.http;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Protobuf messages as the dashboard's JSON, whatever a peer put in them: strings cut to
 * {@link #MAX_ID_CHARS} (fields named {@code *_id}/{@code *_ids}) or {@link #MAX_TEXT_CHARS} (others,
 * bytes too), so a megabyte id or a text of control characters (6 JSON characters each) becomes a
 * few kilobytes; a Timestamp outside the range JSON can show (years 1-9999, e.g. {@code seconds = 2^40})
 * is printed as the string {@code "invalid time (seconds=…, nanos=…)"} instead of failing the whole
 * message. Stateless, thread-safe.
 */
final class DashboardJson {
  static final int MAX_ID_CHARS = 128;
  static final int MAX_TEXT_CHARS = 4096;
  // Timestamp's JSON range: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z.
  private static final long MIN_SECONDS = -62_135_596_800L;
  private static final long MAX_SECONDS = 253_402_300_799L;
  private static final JsonFormat.Printer JSON =
      JsonFormat.printer().omittingInsignificantWhitespace().alwaysPrintFieldsWithNoPresence();

  private DashboardJson() {}

  /** A Timestamp cleared from the message, to be written back as text at its JSON path. */
  private record InvalidTime(List<Object> path, String text) {}

  /**
   * JSON characters per 10 encoded bytes, at least, of a sanitized message (a packed negative int: 10 bytes for
   * "-1," — 3 characters; everything else gives more characters per byte).
   */
  static final int MIN_CHARS_PER_10_BYTES = 3;

  /** What {@link #print(MessageOrBuilder, int)} made: the JSON, or none and the size (in {@code unit}) that kept it out. */
  record Printed(String json, long size, String unit) {
    boolean fits() {
      return json != null;
    }
  }

  /**
   * The JSON of {@code m} if it has at most {@code maxChars} characters. A message whose sanitized encoding
   * already implies more is refused before printing: the printer walks every field by reflection, and an
   * Alert carrying a fuzzed VehicleState of tens of thousands of entries held the event loop for ~10 s
   * (issue #11 fault suite).
   */
  static Printed print(MessageOrBuilder m, int maxChars) {
    Message msg = m instanceof Message x ? x : ((Message.Builder) m).build();
    List<InvalidTime> invalid = new ArrayList<>();
    Message clean = sanitize(msg, new ArrayList<>(), invalid);
    long bytes = clean.getSerializedSize();
    if (bytes * MIN_CHARS_PER_10_BYTES / 10 > maxChars) {
      return new Printed(null, bytes, "bytes");
    }
    String json = json(msg, clean, invalid);
    return json.length() <= maxChars ? new Printed(json, json.length(), "chars")
        : new Printed(null, json.length(), "chars");
  }

  static String print(MessageOrBuilder m) {
    Message msg = m instanceof Message x ? x : ((Message.Builder) m).build();
    List<InvalidTime> invalid = new ArrayList<>();
    return json(msg, sanitize(msg, new ArrayList<>(), invalid), invalid);
  }

  private static String json(Message msg, Message clean, List<InvalidTime> invalid) {
    String json;
    try {
      json = JSON.print(clean);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + msg.getDescriptorForType().getName() + " as JSON", e);
    }
    if (invalid.isEmpty()) {
      return json;
    }
    JsonObject o = new JsonObject(json);
    invalid.forEach(t -> put(o, t.path(), t.text()));
    return o.encode();
  }

  /** {@code msg} with long strings cut and invalid timestamps cleared (recorded in {@code invalid}). */
  private static Message sanitize(Message msg, List<Object> path, List<InvalidTime> invalid) {
    Message.Builder b = null;
    for (FieldDescriptor f : msg.getDescriptorForType().getFields()) {
      int limit = f.getName().endsWith("_id") || f.getName().endsWith("_ids") ? MAX_ID_CHARS : MAX_TEXT_CHARS;
      if (f.isRepeated()) {
        for (int i = 0; i < msg.getRepeatedFieldCount(f); i++) {
          Object v = msg.getRepeatedField(f, i);
          Object w = clean(v, limit, f.isMapField() ? null : child(path, f.getJsonName(), i), invalid);
          if (w != v) {
            b = b == null ? msg.toBuilder() : b;
            b.setRepeatedField(f, i, w);
          }
        }
      } else if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE || msg.hasField(f)) {
        Object v = msg.getField(f);
        if (v instanceof Timestamp t && !valid(t)) {
          b = b == null ? msg.toBuilder() : b;
          b.clearField(f);
          invalid.add(new InvalidTime(child(path, f.getJsonName(), null), "invalid time (seconds=" + t.getSeconds()
              + ", nanos=" + t.getNanos() + ")"));
          continue;
        }
        Object w = clean(v, limit, child(path, f.getJsonName(), null), invalid);
        if (w != v) {
          b = b == null ? msg.toBuilder() : b;
          b.setField(f, w);
        }
      }
    }
    return b == null ? msg : b.build();
  }

  private static Object clean(Object v, int limit, List<Object> path, List<InvalidTime> invalid) {
    return switch (v) {
      case String s when s.length() > limit -> s.substring(0, limit) + "…[+" + (s.length() - limit) + " chars]";
      case ByteString bs when bs.size() > limit -> bs.substring(0, limit);
      // A repeated or map Timestamp cannot be shown as text in place: it is cleared to the epoch.
      case Timestamp t when !valid(t) -> Timestamp.getDefaultInstance();
      case Message m -> sanitize(m, path == null ? new ArrayList<>() : path, path == null ? new ArrayList<>()
          : invalid);
      default -> v;
    };
  }

  static boolean valid(Timestamp t) {
    return t.getSeconds() >= MIN_SECONDS && t.getSeconds() <= MAX_SECONDS && t.getNanos() >= 0
        && t.getNanos() < 1_000_000_000;
  }

  /** {@code path} + name (+ index). Map entries get no path: their JSON is keyed, not indexed. */
  private static List<Object> child(List<Object> path, String name, Integer index) {
    List<Object> p = new ArrayList<>(path);
    p.add(name);
    if (index != null) {
      p.add(index);
    }
    return p;
  }

  private static void put(JsonObject root, List<Object> path, String text) {
    Object node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Object key = path.get(i);
      node = node instanceof JsonObject o ? o.getValue((String) key) : ((JsonArray) node).getValue((Integer) key);
      if (node == null) {
        return;
      }
    }
    if (node instanceof JsonObject o) {
      o.put((String) path.getLast(), text);
    }
  }
}
