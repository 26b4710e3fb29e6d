package cockpit.bus;

import cockpit.bus.zenoh.CongestionControl;
import cockpit.bus.zenoh.Priority;
import cockpit.bus.zenoh.PublisherOptions;
import cockpit.bus.zenoh.Reliability;
import java.util.Objects;

/** Zenoh QoS of a topic: what our publishers use, and what we ask of other ECUs publishing it. */
public record Qos(Priority priority, CongestionControl congestionControl, boolean express, Reliability reliability) {
  public Qos {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(congestionControl, "congestionControl");
    Objects.requireNonNull(reliability, "reliability");
  }

  PublisherOptions publisherOptions(cockpit.bus.zenoh.Encoding encoding) {
    return new PublisherOptions(priority, congestionControl, express, reliability, encoding);
  }
}
