package cockpit.train.probe;

import java.util.Arrays;

/**
 * One rendered cabin and its targets for the probe's read-out.
 *
 * @param pixels [3, S, S] RGB in [0, 1], CHW
 * @param seat occupant class per seat slot ({@link CabinSamples#SLOTS} order), an
 *     {@link cockpit.sim.scene.Occupant} ordinal
 * @param belt per slot: 1 belted, 0 not, −1 no belt to wear (empty, infant seat, pet)
 * @param eyesOnRoad 1 / 0, or −1 when no adult drives
 */
public record CabinSample(float[] pixels, int[] seat, int[] belt, int eyesOnRoad) {
  public CabinSample {
    if (seat.length != CabinSamples.SLOTS.size() || belt.length != seat.length) {
      throw new IllegalArgumentException("need " + CabinSamples.SLOTS.size() + " seat and belt targets");
    }
    seat = seat.clone();
    belt = belt.clone();
  }

  @Override
  public int[] seat() {
    return seat.clone();
  }

  @Override
  public int[] belt() {
    return belt.clone();
  }

  @Override
  public String toString() {
    return "CabinSample[seat=" + Arrays.toString(seat) + ", belt=" + Arrays.toString(belt) + ", eyes=" + eyesOnRoad
        + "]";
  }
}
