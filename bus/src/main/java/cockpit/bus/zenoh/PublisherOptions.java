package cockpit.bus.zenoh;

/**
 * QoS of a declared publisher.
 *
 * @param express send at once instead of batching (lower latency, lower throughput)
 * @param encoding default encoding of its puts, or null for Zenoh's default
 */
public record PublisherOptions(
    Priority priority,
    CongestionControl congestionControl,
    boolean express,
    Reliability reliability,
    Encoding encoding) {
  public static final PublisherOptions DEFAULT =
      new PublisherOptions(Priority.DATA, CongestionControl.DROP, false, Reliability.RELIABLE, null);

  public PublisherOptions {
    if (priority == null) {
      priority = Priority.DATA;
    }
    if (congestionControl == null) {
      congestionControl = CongestionControl.DROP;
    }
    if (reliability == null) {
      reliability = Reliability.RELIABLE;
    }
  }

  public PublisherOptions withPriority(Priority p) {
    return new PublisherOptions(p, congestionControl, express, reliability, encoding);
  }

  public PublisherOptions withCongestionControl(CongestionControl c) {
    return new PublisherOptions(priority, c, express, reliability, encoding);
  }

  public PublisherOptions withExpress(boolean e) {
    return new PublisherOptions(priority, congestionControl, e, reliability, encoding);
  }

  public PublisherOptions withReliability(Reliability r) {
    return new PublisherOptions(priority, congestionControl, express, r, encoding);
  }

  public PublisherOptions withEncoding(Encoding e) {
    return new PublisherOptions(priority, congestionControl, express, reliability, e);
  }
}
