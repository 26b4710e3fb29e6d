package cockpit.bus.zenoh;

import java.util.Objects;

/**
 * A Zenoh encoding in its string form {@code type/subtype[;schema]}, e.g.
 * {@code application/protobuf;cockpit.v1.CameraFrame}. Zenoh maps well-known strings to its
 * compact wire ids; unknown ones travel as strings.
 */
public record Encoding(String value) {
  public static final Encoding ZENOH_BYTES = new Encoding("zenoh/bytes");
  public static final Encoding TEXT_PLAIN = new Encoding("text/plain");
  public static final Encoding APPLICATION_JSON = new Encoding("application/json");
  public static final Encoding APPLICATION_OCTET_STREAM = new Encoding("application/octet-stream");
  public static final Encoding APPLICATION_PROTOBUF = new Encoding("application/protobuf");

  public Encoding {
    Objects.requireNonNull(value, "encoding");
    if (value.isBlank()) {
      throw new IllegalArgumentException("an encoding must not be blank");
    }
  }

  /** This encoding with a schema suffix, e.g. the protobuf message's full name. */
  public Encoding withSchema(String schema) {
    int semi = value.indexOf(';');
    String base = semi < 0 ? value : value.substring(0, semi);
    return new Encoding(base + ";" + schema);
  }

  @Override
  public String toString() {
    return value;
  }
}
