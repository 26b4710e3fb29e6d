package cockpit.bus.zenoh;

/** Which queryables a get reaches. */
public enum QueryTarget {
  BEST_MATCHING, ALL, ALL_COMPLETE
}
