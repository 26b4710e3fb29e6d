package cockpit.bus.zenoh;

/** How replies to a get are consolidated per key. */
public enum ConsolidationMode {
  AUTO, NONE, MONOTONIC, LATEST
}
