package cockpit.sim.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.SeatPosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cabin ground truth against pixels: changing one fact of a scene (same seed) changes pixels only in
 * the region the truth names for it, and the change is still clear at a 128-pixel model input (a
 * 320×240 frame letterboxed to 128×96). Every case runs in day, night and IR lighting.
 */
class CabinPixelTruthTest {
  private static final SceneRenderer R = new SceneRenderer();
  private static final SeatPosition D = SeatPosition.SEAT_POSITION_DRIVER_SIDE;
  private static final SeatPosition M = SeatPosition.SEAT_POSITION_MIDDLE;
  private static final SeatPosition P = SeatPosition.SEAT_POSITION_PASSENGER_SIDE;
  private static final int[][] SEATS = {{1, 0}, {1, 2}, {2, 0}, {2, 1}, {2, 2}};
  /**
   * Mean per-channel change over a whole seat at 128 px that a seat-sized fact reaches (a dog at night
   * covers about a third of its seat at half the daylight contrast: ≈ 5); belts and faces are smaller,
   * so they are also held to a peak change (≥ 40–60 levels somewhere in the region).
   */
  private static final double VISIBLE = 8;

  /** Five seats, the rear middle one as given, the others fixed. */
  private static CabinScene cabin(int row, SeatPosition pos, SeatScene changed, DriverState driver, Lighting l) {
    List<SeatScene> seats = new ArrayList<>();
    for (int[] s : SEATS) {
      SeatPosition p = s[1] == 0 ? D : s[1] == 1 ? M : P;
      if (s[0] == row && p == pos) {
        seats.add(changed);
      } else if (s[0] == 1 && p == D) {
        seats.add(SeatScene.of(1, D, Occupant.ADULT, true));
      } else {
        seats.add(SeatScene.of(s[0], p, s[0] == 2 && p == P ? Occupant.CHILD : Occupant.EMPTY, false));
      }
    }
    return new CabinScene(2, seats, driver, l);
  }

  private static Pixels compare(CabinScene a, CabinScene b, Label.Box region, long seed) {
    return Pixels.diff(R.render(a, seed, 320, 240).image(), R.render(b, seed, 320, 240).image(), region, 2, 128);
  }

  private static SeatTruth seatTruth(CabinScene s, int row, SeatPosition p, long seed) {
    return ((CabinTruth) R.render(s, seed, 320, 240).truth()).seat(row, p);
  }

  @ParameterizedTest
  @EnumSource(Lighting.class)
  void anOccupiedSeatDiffersFromTheEmptyOneOnlyInThatSeat(Lighting light) {
    long seed = 11;
    for (int row = 1; row <= 2; row++) {
      SeatPosition pos = row == 1 ? P : M;
      CabinScene empty = cabin(row, pos, SeatScene.of(row, pos, Occupant.EMPTY, false), DriverState.ATTENTIVE, light);
      Label.Box seat = seatTruth(empty, row, pos, seed).box();
      for (Occupant o : Occupant.values()) {
        if (o == Occupant.EMPTY) {
          continue;
        }
        CabinScene full = cabin(row, pos, SeatScene.of(row, pos, o, false), DriverState.ATTENTIVE, light);
        Pixels d = compare(empty, full, seat, seed);
        String what = light + " row " + row + " " + o + ": " + d;
        assertTrue(d.changed() > 500, what);
        assertTrue(d.inRegion() > 0.97, what);
        assertTrue(d.modelMean() > VISIBLE / 2 && d.modelMax() > 50, what);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Lighting.class)
  void anOccupiedInfantSeatDiffersFromAnEmptyOne(Lighting light) {
    CabinScene a = cabin(2, M, SeatScene.of(2, M, Occupant.INFANT_SEAT_EMPTY, false), DriverState.ATTENTIVE, light);
    CabinScene b = cabin(2, M, SeatScene.of(2, M, Occupant.INFANT_SEAT_OCCUPIED, false), DriverState.ATTENTIVE, light);
    Pixels d = compare(a, b, seatTruth(a, 2, M, 5).box(), 5);
    assertTrue(d.inRegion() == 1 && d.modelMean() > VISIBLE / 2 && d.modelMax() > 60, light + ": " + d);
  }

  @ParameterizedTest
  @EnumSource(Lighting.class)
  void aFastenedBeltDiffersFromAnOpenOneAcrossTheOccupant(Lighting light) {
    for (Occupant o : List.of(Occupant.ADULT, Occupant.CHILD)) {
      for (int[] s : SEATS) {
        SeatPosition p = s[1] == 0 ? D : s[1] == 1 ? M : P;
        CabinScene off = cabin(s[0], p, SeatScene.of(s[0], p, o, false), DriverState.ATTENTIVE, light);
        CabinScene on = cabin(s[0], p, SeatScene.of(s[0], p, o, true), DriverState.ATTENTIVE, light);
        Pixels d = compare(off, on, seatTruth(off, s[0], p, 3).box(), 3);
        String what = light + " " + o + " row " + s[0] + " " + p + ": " + d;
        assertTrue(d.changed() > 300 && d.inRegion() == 1, what);
        assertTrue(d.modelMean() > VISIBLE / 2 && d.modelMax() > 50, what);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Lighting.class)
  void everyDriverStateDiffersFromEveryOtherInsideTheFace(Lighting light) {
    List<DriverState> states = List.of(DriverState.ATTENTIVE, new DriverState(DriverState.Head.LEFT, DriverState.Eyes.OPEN),
        new DriverState(DriverState.Head.RIGHT, DriverState.Eyes.OPEN),
        new DriverState(DriverState.Head.DOWN, DriverState.Eyes.OPEN),
        new DriverState(DriverState.Head.FORWARD, DriverState.Eyes.CLOSED),
        new DriverState(DriverState.Head.FORWARD, DriverState.Eyes.OPEN, true));
    SeatScene passenger = SeatScene.of(1, P, Occupant.EMPTY, false);
    for (int i = 0; i < states.size(); i++) {
      for (int j = i + 1; j < states.size(); j++) {
        CabinScene a = cabin(1, P, passenger, states.get(i), light);
        CabinScene b = cabin(1, P, passenger, states.get(j), light);
        DriverTruth face = ((CabinTruth) R.render(a, 9, 320, 240).truth()).driver();
        assertNotNull(face);
        Pixels d = compare(a, b, face.face(), 9);
        String what = light + " " + states.get(i) + " vs " + states.get(j) + ": " + d;
        assertTrue(d.changed() > 20 && d.inRegion() == 1, what);
        assertTrue(d.modelMax() > 40, what);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Lighting.class)
  void eachObjectShowsInItsBoxAndDiffersFromTheOthers(Lighting light) {
    SeatObject[] all = SeatObject.values();
    CabinScene bare = cabin(1, P, SeatScene.of(1, P, Occupant.EMPTY, false), DriverState.ATTENTIVE, light);
    for (int i = 0; i < all.length; i++) {
      CabinScene with = cabin(1, P, new SeatScene(1, P, Occupant.EMPTY, false, List.of(all[i])), DriverState.ATTENTIVE,
          light);
      SeatTruth t = seatTruth(with, 1, P, 4);
      assertEquals(all[i], t.objects().getFirst().object());
      Pixels d = compare(bare, with, t.box(), 4);
      assertTrue(d.inRegion() == 1 && d.modelMax() > 40, light + " " + all[i] + ": " + d);
      Pixels own = Pixels.diff(R.render(bare, 4, 320, 240).image(), R.render(with, 4, 320, 240).image(),
          t.objects().getFirst().box(), 3, 128);
      assertTrue(own.inRegion() > 0.7, light + " " + all[i] + " mostly inside its own box: " + own);
      for (int j = i + 1; j < all.length; j++) {
        CabinScene other = cabin(1, P, new SeatScene(1, P, Occupant.EMPTY, false, List.of(all[j])),
            DriverState.ATTENTIVE, light);
        Pixels x = compare(with, other, t.box(), 4);
        assertTrue(x.modelMax() > 40, light + " " + all[i] + " vs " + all[j] + ": " + x);
      }
    }
  }
}
