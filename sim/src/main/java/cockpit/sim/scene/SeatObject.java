package cockpit.sim.scene;

/**
 * A loose object that can be left on a seat. Each has its own shape and colour family so it stays
 * recognisable at a 128-pixel model input and without colour (IR): phone = small dark portrait slab with
 * a lit screen, wallet = small folded landscape block, keys = ring with two keys and a fob, bag = large
 * body with a handle, bottle = tall narrow cylinder with a cap, laptop = wide flat slab with a keyboard.
 */
public enum SeatObject {
  PHONE, WALLET, KEYS, BAG, BOTTLE, LAPTOP;

  /** Lower-case name, also the Detection label. */
  public String label() {
    return Names.of(this);
  }

  public static SeatObject parse(String s) {
    return Names.parse(SeatObject.class, s);
  }
}
