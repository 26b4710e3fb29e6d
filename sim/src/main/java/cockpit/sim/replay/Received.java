package cockpit.sim.replay;

import com.google.protobuf.Message;
import java.util.Objects;

/**
 * One output the runner saw: its topic name ({@code detections}, {@code alerts}, {@code replies},
 * {@code errors}), concrete key, the decoded message and when it arrived ({@link System#nanoTime}).
 */
public record Received(String topic, String key, Message message, long nanos) {
  public Received {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }
}
