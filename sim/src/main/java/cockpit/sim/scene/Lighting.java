package cockpit.sim.scene;

/**
 * How the scene is lit, as the sensor sees it: {@code DAY} (colour, bright), {@code NIGHT} (colour, dark
 * mid-tones and shadows with lamps and white paint still bright, blue cast, more sensor noise), {@code IR} (the grey image of an infrared cabin camera with its own
 * illuminator: no colour, bright skin, strong vignette). Applied after drawing by {@link Sensor}.
 */
public enum Lighting {
  DAY, NIGHT, IR;

  public String label() {
    return Names.of(this);
  }

  public static Lighting parse(String s) {
    return Names.parse(Lighting.class, s);
  }
}
