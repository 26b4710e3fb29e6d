package cockpit.sim.scene;

/** What a synthetic camera sees: the cabin, or the road beside the car. Immutable. */
public sealed interface Scene permits CabinScene, ExteriorScene {}
