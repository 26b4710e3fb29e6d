package cockpit.bus.zenoh;

/** A sample is a PUT of a value or a DELETE of the key; liveliness uses them for alive and gone. */
public enum SampleKind {
  PUT, DELETE
}
