package cockpit.bus.zenoh;

/**
 * What a put does when the transmit queue is full: DROP the message, BLOCK the caller until there is
 * room, or BLOCK_FIRST (block for the first message of a burst, drop later ones).
 */
public enum CongestionControl {
  DROP, BLOCK, BLOCK_FIRST;

  static CongestionControl fromValue(int v) {
    return v >= 0 && v < values().length ? values()[v] : DROP;
  }
}
