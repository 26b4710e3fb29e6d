package cockpit.train.probe;

import cockpit.proto.v1.SeatPosition;
import cockpit.sim.scene.CabinScene;
import cockpit.sim.scene.DriverState;
import cockpit.sim.scene.Label;
import cockpit.sim.scene.Occupant;
import cockpit.sim.scene.Rendered;
import cockpit.sim.scene.SceneRenderer;
import cockpit.sim.scene.SeatObject;
import cockpit.sim.scene.SeatScene;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded two-row cabins from today's {@link SceneRenderer}, with the probe's targets read from the
 * rendered ground truth (not from the scene description): per seat slot the occupant class and the
 * belt, and whether the driver's eyes are on the road. Sample {@code i} of a set depends only on
 * {@code (seed, i)}. Stateless and thread-safe.
 */
public final class CabinSamples {
  /** A seat slot: row and position. */
  public record Slot(int row, SeatPosition position) {}

  /** The five seats of a two-row cabin, in target order. */
  public static final List<Slot> SLOTS = List.of(new Slot(1, SeatPosition.SEAT_POSITION_DRIVER_SIDE),
      new Slot(1, SeatPosition.SEAT_POSITION_PASSENGER_SIDE), new Slot(2, SeatPosition.SEAT_POSITION_DRIVER_SIDE),
      new Slot(2, SeatPosition.SEAT_POSITION_MIDDLE), new Slot(2, SeatPosition.SEAT_POSITION_PASSENGER_SIDE));
  /** Occupant classes (the {@link Occupant} values). */
  public static final int CLASSES = Occupant.values().length;

  private static final SceneRenderer RENDERER = new SceneRenderer();
  private static final Occupant[] DRAW = {Occupant.EMPTY, Occupant.EMPTY, Occupant.ADULT, Occupant.ADULT,
      Occupant.CHILD, Occupant.INFANT_SEAT_OCCUPIED, Occupant.PET};

  private final long seed;
  private final int size;

  /** Samples of {@code size}² pixels from {@code seed}. */
  public CabinSamples(long seed, int size) {
    this.seed = seed;
    this.size = size;
  }

  public int size() {
    return size;
  }

  /** Sample {@code index}: a random cabin, rendered, with its targets. */
  public CabinSample get(long index) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    CabinScene scene = scene(r);
    Rendered img = RENDERER.render(scene, r.nextLong(), size, size);
    return targets(img, pixels(img.image()));
  }

  static CabinScene scene(SplittableRandom r) {
    List<SeatScene> seats = new ArrayList<>();
    for (Slot s : SLOTS) {
      boolean driver = s.row() == 1 && s.position() == SeatPosition.SEAT_POSITION_DRIVER_SIDE;
      Occupant o = driver ? (r.nextInt(5) == 0 ? Occupant.EMPTY : Occupant.ADULT) : DRAW[r.nextInt(DRAW.length)];
      boolean belted = o.wearsBelt() && r.nextInt(3) != 0;
      List<SeatObject> objects = r.nextInt(6) == 0 ? List.of(SeatObject.values()[r.nextInt(2)]) : List.of();
      seats.add(new SeatScene(s.row(), s.position(), o, belted, objects));
    }
    DriverState.Head head = r.nextBoolean() ? DriverState.Head.FORWARD
        : DriverState.Head.values()[1 + r.nextInt(DriverState.Head.values().length - 1)];
    DriverState.Eyes eyes = r.nextInt(4) == 0 ? DriverState.Eyes.CLOSED : DriverState.Eyes.OPEN;
    return new CabinScene(2, seats, new DriverState(head, eyes));
  }

  /** Targets from the ground-truth labels: unlabelled seats are empty. */
  static CabinSample targets(Rendered img, float[] pixels) {
    int[] seat = new int[SLOTS.size()];
    int[] belt = new int[SLOTS.size()];
    java.util.Arrays.fill(belt, -1);
    int eyes = -1;
    for (Label l : img.truth().labels()) {
      if (l.seat() == null) {
        continue;
      }
      int slot = SLOTS.indexOf(new Slot(l.seat().getRow(), l.seat().getPosition()));
      String occupant = l.attributes().get("occupant");
      if (occupant != null) {
        seat[slot] = Occupant.parse(occupant).ordinal();
      }
      String b = l.attributes().get("belted");
      if (b != null) {
        belt[slot] = Boolean.parseBoolean(b) ? 1 : 0;
      }
      String e = l.attributes().get("eyes_on_road");
      if (e != null) {
        eyes = Boolean.parseBoolean(e) ? 1 : 0;
      }
    }
    return new CabinSample(pixels, seat, belt, eyes);
  }

  /** RGB [3, H, W] in [0, 1]. */
  static float[] pixels(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    float[] out = new float[3 * w * h];
    int plane = w * h;
    for (int i = 0; i < plane; i++) {
      int p = rgb[i];
      out[i] = ((p >> 16) & 0xFF) / 255f;
      out[plane + i] = ((p >> 8) & 0xFF) / 255f;
      out[2 * plane + i] = (p & 0xFF) / 255f;
    }
    return out;
  }
}
