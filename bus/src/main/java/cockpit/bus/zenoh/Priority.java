package cockpit.bus.zenoh;

/** Zenoh message priorities; a lower wire value is served first. */
public enum Priority {
  REALTIME(1), INTERACTIVE_HIGH(2), INTERACTIVE_LOW(3), DATA_HIGH(4), DATA(5), DATA_LOW(6), BACKGROUND(7);

  private final int value;

  Priority(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  static Priority fromValue(int v) {
    for (Priority p : values()) {
      if (p.value == v) {
        return p;
      }
    }
    return DATA;
  }
}
