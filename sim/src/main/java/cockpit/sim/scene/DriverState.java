package cockpit.sim.scene;

import java.util.Objects;

/**
 * The driver's gaze, eyes and mouth as drawn on the driver's face. Eyes on road = gaze on the road and
 * eyes open; drowsy = eyes closed or yawning (the driver-monitoring task's two booleans).
 *
 * @param head where the driver looks: {@code FORWARD} (the road; scenario files may write {@code road}),
 *     {@code LEFT} / {@code RIGHT} (the driver's own left and right), {@code DOWN} (lap, phone)
 * @param yawning mouth wide open
 */
public record DriverState(Head head, Eyes eyes, boolean yawning) {
  /** Where the head and eyes point. */
  public enum Head {
    FORWARD, LEFT, RIGHT, DOWN;

    /** The gaze name used in facts and answers: {@code road}, {@code left}, {@code right}, {@code down}. */
    public String gaze() {
      return this == FORWARD ? "road" : Names.of(this);
    }

    public static Head parse(String s) {
      return s.equals("road") ? FORWARD : Names.parse(Head.class, s);
    }
  }

  /** Eye lids. */
  public enum Eyes {
    OPEN, CLOSED;

    public static Eyes parse(String s) {
      return Names.parse(Eyes.class, s);
    }
  }

  public static final DriverState ATTENTIVE = new DriverState(Head.FORWARD, Eyes.OPEN, false);

  public DriverState {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(eyes, "eyes");
  }

  /** Not yawning. */
  public DriverState(Head head, Eyes eyes) {
    this(head, eyes, false);
  }

  public boolean eyesOnRoad() {
    return head == Head.FORWARD && eyes == Eyes.OPEN;
  }

  public boolean drowsy() {
    return eyes == Eyes.CLOSED || yawning;
  }
}
