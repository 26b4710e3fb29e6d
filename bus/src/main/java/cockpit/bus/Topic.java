package cockpit.bus;

import cockpit.bus.zenoh.Encoding;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.PublisherOptions;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the topic table: a key-expression template such as
 * {@code vehicle/{vin}/cabin/camera/{camera}}, its protobuf type, direction, QoS, delivery and the
 * Vert.x event-bus address the bridge maps it to. Immutable.
 *
 * @param paramsOf for outbound topics, the template parameters (besides {@code vin}) taken from a
 *     message, e.g. the camera id of a DetectionSet
 * @param ids for inbound topics, the id fields of a message that must satisfy {@link BusIds}
 * @param <M> the protobuf message type carried
 */
public record Topic<M extends Message>(
    String name,
    String keyTemplate,
    Class<M> type,
    Parser<M> parser,
    Direction direction,
    Delivery delivery,
    Qos qos,
    String address,
    Function<M, Map<String, String>> paramsOf,
    List<IdField<M>> ids) {

  /** Whether the component consumes the topic from the bus or produces it onto the bus. */
  public enum Direction {
    INBOUND, OUTBOUND
  }

  /**
   * How inbound samples reach the event bus: KEEP_LATEST per concrete key (droppable camera data,
   * acknowledged by the consumer's reply) or IN_ORDER (every message, published in arrival order).
   */
  public enum Delivery {
    KEEP_LATEST, IN_ORDER
  }

  private static final Pattern PARAM = Pattern.compile("\\{([a-z]+)}");

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyTemplate, "keyTemplate");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(qos, "qos");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(paramsOf, "paramsOf");
    ids = List.copyOf(ids);
    if (!keyTemplate.startsWith("vehicle/{vin}/")) {
      throw new IllegalArgumentException("topic " + name + " must live under vehicle/{vin}/: " + keyTemplate);
    }
  }

  /** The template's parameter names in order, {@code vin} first. */
  public List<String> params() {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(keyTemplate);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The concrete key for {@code vin} and the other parameters, each satisfying {@link BusIds} (or
   * being {@link BusIds#REFUSED_CHUNK}).
   *
   * @throws IllegalArgumentException naming the parameter and its problem
   */
  public KeyExpr key(String vin, Map<String, String> values) {
    Map<String, String> all = new LinkedHashMap<>(values);
    all.put("vin", vin);
    StringBuilder sb = new StringBuilder();
    Matcher m = PARAM.matcher(keyTemplate);
    while (m.find()) {
      String p = m.group(1);
      String v = all.get(p);
      if (!BusIds.REFUSED_CHUNK.equals(v)) {
        checkChunk(p, v);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return KeyExpr.tryFrom(sb.toString());
  }

  /** The concrete key of an outbound message. */
  public KeyExpr keyFor(String vin, M message) {
    return key(vin, paramsOf.apply(message));
  }

  /** The subscription for {@code vin}: every other parameter becomes {@code *}. */
  public KeyExpr subscription(String vin) {
    checkChunk("vin", vin);
    String s = PARAM.matcher(keyTemplate.replace("{vin}", vin)).replaceAll("*");
    return KeyExpr.tryFrom(s);
  }

  /** The parameters of a concrete key that matches this template (vin included), or empty. */
  public Optional<Map<String, String>> match(String concreteKey) {
    List<String> names = params();
    String regex = Pattern.quote(keyTemplate).replaceAll("\\{[a-z]+}", "\\\\E([^/]+)\\\\Q");
    Matcher m = Pattern.compile(regex).matcher(concreteKey);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), m.group(i + 1));
    }
    return Optional.of(out);
  }

  /** The Zenoh encoding of payloads on this topic: protobuf with the message's full name. */
  public Encoding encoding() {
    return Encoding.APPLICATION_PROTOBUF.withSchema(fullName());
  }

  /** The protobuf full name of the message type, e.g. {@code cockpit.v1.CameraFrame}. */
  public String fullName() {
    try {
      return ((com.google.protobuf.Descriptors.Descriptor) type.getMethod("getDescriptor").invoke(null))
          .getFullName();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(type + " is not a generated protobuf message", e);
    }
  }

  public PublisherOptions publisherOptions() {
    return qos.publisherOptions(encoding());
  }

  /**
   * Why the message's id fields do not satisfy {@link BusIds}, one line per problem; empty when all
   * do.
   */
  public List<String> idProblems(M message) {
    List<String> problems = new ArrayList<>();
    for (IdField<M> f : ids) {
      for (String v : f.values().apply(message)) {
        if (v.isEmpty() && !f.required()) {
          continue;
        }
        BusIds.problem(v).ifPresent(p -> problems.add(f.name() + " " + BusIds.quote(v) + ": " + p));
      }
    }
    return problems;
  }

  /** Checks one key parameter against {@link BusIds}. */
  public void checkChunk(String param, String value) {
    BusIds.problem(value).ifPresent(p -> {
      throw new IllegalArgumentException("topic " + name + ": parameter {" + param + "} = " + BusIds.quote(value)
          + " cannot be a key chunk: " + p);
    });
  }
}
