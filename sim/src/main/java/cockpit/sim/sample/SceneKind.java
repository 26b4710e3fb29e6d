package cockpit.sim.sample;

import cockpit.sim.scene.ExteriorScene;

/** What {@link SceneSampler} draws: a cabin, a street around the car, or a car park with signs. */
public enum SceneKind {
  CABIN, STREET, CAR_PARK;

  /** The camera id the perception tasks use for this kind: {@code cabin} or {@code exterior}. */
  public String camera() {
    return this == CABIN ? "cabin" : "exterior";
  }

  /** The exterior place; only for STREET and CAR_PARK. */
  ExteriorScene.Place place() {
    return switch (this) {
      case STREET -> ExteriorScene.Place.STREET;
      case CAR_PARK -> ExteriorScene.Place.CAR_PARK;
      case CABIN -> throw new IllegalStateException("a cabin has no exterior place");
    };
  }
}
