package cockpit.bus.zenoh;

/**
 * Options of one put. Priority, congestion control and express apply to one-shot
 * {@link Session#put}; a {@link Publisher} uses its own declared values for them and takes only the
 * attachment and (when set) the encoding from here.
 *
 * @param attachment bytes carried beside the payload, or null for none
 * @param encoding the payload's encoding, or null for the default
 */
public record PutOptions(
    ZBytes attachment,
    Encoding encoding,
    Priority priority,
    CongestionControl congestionControl,
    boolean express) {
  public static final PutOptions DEFAULT =
      new PutOptions(null, null, Priority.DATA, CongestionControl.DROP, false);

  public PutOptions {
    if (priority == null) {
      priority = Priority.DATA;
    }
    if (congestionControl == null) {
      congestionControl = CongestionControl.DROP;
    }
  }

  public PutOptions withAttachment(ZBytes a) {
    return new PutOptions(a, encoding, priority, congestionControl, express);
  }

  public PutOptions withEncoding(Encoding e) {
    return new PutOptions(attachment, e, priority, congestionControl, express);
  }

  public PutOptions withPriority(Priority p) {
    return new PutOptions(attachment, encoding, p, congestionControl, express);
  }

  public PutOptions withCongestionControl(CongestionControl c) {
    return new PutOptions(attachment, encoding, priority, c, express);
  }

  public PutOptions withExpress(boolean e) {
    return new PutOptions(attachment, encoding, priority, congestionControl, e);
  }
}
