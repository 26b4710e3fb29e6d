package cockpit.sim.replay;

import cockpit.bus.Topic;
import cockpit.bus.zenoh.KeyExpr;
import java.time.Duration;
import java.util.Objects;

/**
 * One message to publish at scenario time {@code at}: already encoded, with its concrete key.
 *
 * @param id unique input id (scenario event id, or {@code mcap-<n>})
 * @param group the scenario event group expectations refer to
 * @param correlation what outputs answer it: {@code frame/<camera>/<sequence>},
 *     {@code say/<session>/<utterance>}, or "" for none
 */
public record TimedInput(Duration at, String id, String group, Topic<?> topic, KeyExpr key, byte[] payload,
    String correlation) {
  public TimedInput {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(correlation, "correlation");
    if (topic.direction() != Topic.Direction.INBOUND) {
      throw new IllegalArgumentException("input " + id + " is on outbound topic " + topic.name());
    }
  }

  public static String frame(String camera, long sequence) {
    return "frame/" + camera + "/" + sequence;
  }

  public static String say(String session, String utterance) {
    return "say/" + session + "/" + utterance;
  }
}
