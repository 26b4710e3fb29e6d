package cockpit.sim.scene;

import cockpit.proto.v1.SeatPosition;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Draws a {@link CabinScene} and records its {@link CabinTruth}. Layout: the mirror view from the
 * windscreen (image left = car left = driver side), row 1 nearest the camera at the bottom and tallest,
 * three columns. Rows are drawn back to front so front heads overlap the row behind. Every seat draws
 * from its own streams (seat, occupant, belt, objects: {@link Rng}), so one changed fact changes only
 * that seat's pixels. One use per image.
 */
final class CabinPainter {
  private final Canvas c;
  private final long seed;
  private final Variation v;

  CabinPainter(Canvas c, long seed, Variation v) {
    this.c = c;
    this.seed = seed;
    this.v = v;
  }

  /** Seat rectangle {x, y, w, h} in frame coordinates. */
  private double[] seatRect(CabinScene scene, SeatScene s) {
    double[] bands = switch (scene.rows()) {
      case 1 -> new double[] {1.0};
      case 2 -> new double[] {0.56, 0.44};
      default -> new double[] {0.40, 0.32, 0.28};
    };
    double bottom = c.h;
    for (int r = 1; r < s.row(); r++) {
      bottom -= bands[r - 1] * c.h;
    }
    double band = bands[s.row() - 1] * c.h;
    int col = switch (s.position()) {
      case SEAT_POSITION_DRIVER_SIDE -> 0;
      case SEAT_POSITION_MIDDLE -> 1;
      case SEAT_POSITION_PASSENGER_SIDE, SEAT_POSITION_UNSPECIFIED, UNRECOGNIZED -> 2;
    };
    double cw = c.w / 3.0;
    Random j = Rng.of(seed, "seat-jitter/" + s.row() + "/" + col);
    return new double[] {col * cw + (0.08 + 0.03 * (j.nextDouble() - 0.5)) * cw,
        bottom - band + (0.05 + 0.03 * (j.nextDouble() - 0.5)) * band, 0.84 * cw, 0.91 * band};
  }

  CabinTruth paint(CabinScene scene) {
    c.background(Palette.trim(v.palette()));
    Graphics2D g = c.g;
    Draw.rect(g, Palette.shade(Palette.trim(v.palette()), 1.35), -c.w * 0.1, -c.h * 0.1, c.w * 1.2, c.h * 0.06);
    Map<SeatScene, SeatTruth> truths = new HashMap<>();
    List<SeatScene> backToFront = new ArrayList<>(scene.seats());
    backToFront.sort(Comparator.comparingInt(SeatScene::row).reversed());
    DriverTruth driver = null;
    for (SeatScene s : backToFront) {
      boolean isDriver = s.row() == 1 && s.position() == SeatPosition.SEAT_POSITION_DRIVER_SIDE
          && s.occupant() == Occupant.ADULT;
      double[] r = seatRect(scene, s);
      FigurePainter.Body body = paintSeat(s, r, isDriver ? scene.driver() : null);
      truths.put(s, new SeatTruth(s.row(), s.position(), s.occupant(), s.belted(), objects(s, r, upholstery(s)),
          c.box(r[0], r[1], r[0] + r[2], r[1] + r[3])));
      if (isDriver) {
        double d = body.headD();
        driver = new DriverTruth(scene.driver(), c.box(body.headX() - 0.6 * d, body.headY() - 0.5 * d,
            body.headX() + 0.6 * d, body.headY() + 0.55 * d));
      }
    }
    return new CabinTruth(scene.lighting(), v, scene.rows(), scene.seats().stream().map(truths::get).toList(), driver);
  }

  /** Seat, occupant and belt; returns the person's body, or null for other occupants. */
  private FigurePainter.Body paintSeat(SeatScene s, double[] r, DriverState driver) {
    Graphics2D g = c.g;
    double x = r[0], y = r[1], sw = r[2], sh = r[3];
    String key = s.row() + "/" + s.position().getNumber();
    Color up = upholstery(s);
    Draw.round(g, Palette.shade(up, 0.9), x + 0.32 * sw, y, 0.36 * sw, 0.16 * sh, 0.1 * sw);
    Draw.round(g, up, x + 0.07 * sw, y + 0.1 * sh, 0.86 * sw, 0.6 * sh, 0.2 * sw);
    Draw.rect(g, Palette.shade(up, 0.8), x + 0.3 * sw, y + 0.14 * sh, Math.max(1, 0.02 * sw), 0.5 * sh);
    Draw.rect(g, Palette.shade(up, 0.8), x + 0.68 * sw, y + 0.14 * sh, Math.max(1, 0.02 * sw), 0.5 * sh);
    Draw.round(g, Palette.shade(up, 1.18), x, y + 0.64 * sh, sw, 0.36 * sh, 0.16 * sw);
    Random occ = Rng.of(seed, "occupant/" + key);
    FigurePainter.Body body = null;
    switch (s.occupant()) {
      case EMPTY -> { }
      case ADULT -> body = FigurePainter.person(g, x, y, sw, sh, false, driver != null ? driver : passenger(occ), occ);
      case CHILD -> body = FigurePainter.person(g, x, y, sw, sh, true, passenger(occ), occ);
      case INFANT_SEAT_OCCUPIED -> FigurePainter.infantSeat(g, x, y, sw, sh, true, occ);
      case INFANT_SEAT_EMPTY -> FigurePainter.infantSeat(g, x, y, sw, sh, false, occ);
      case PET -> FigurePainter.pet(g, x, y, sw, sh, up, occ);
    }
    belt(s, r, body);
    return body;
  }

  private Color upholstery(SeatScene s) {
    return Palette.upholstery(v.palette(), Rng.of(seed, "seat/" + s.row() + "/" + s.position().getNumber()));
  }

  /** A passenger's face: mostly looking ahead, sometimes aside or with closed eyes (not a ground-truth field). */
  private static DriverState passenger(Random r) {
    DriverState.Head[] heads = DriverState.Head.values();
    DriverState.Head head = r.nextDouble() < 0.6 ? DriverState.Head.FORWARD : heads[r.nextInt(heads.length)];
    return new DriverState(head, r.nextDouble() < 0.85 ? DriverState.Eyes.OPEN : DriverState.Eyes.CLOSED, false);
  }

  /**
   * The belt: fastened = a dark strap from the outer pillar over the shoulder diagonally to a buckle at
   * the inner hip plus the lap strap; otherwise the strap hangs retracted along the seat's outer edge
   * and the buckle stalk stands empty at the inner edge of the cushion.
   */
  private void belt(SeatScene s, double[] r, FigurePainter.Body b) {
    Graphics2D g = c.g;
    double x = r[0], y = r[1], sw = r[2], sh = r[3];
    Random rb = Rng.of(seed, "belt/" + s.row() + "/" + s.position().getNumber());
    Color strap = Palette.jitter(new Color(32, 32, 36), rb, 6);
    Color metal = new Color(200, 200, 205);
    boolean outerLeft = s.position() == SeatPosition.SEAT_POSITION_DRIVER_SIDE;
    double bw = Math.max(3, 0.09 * sw);
    double pillarX = outerLeft ? x + 0.05 * sw : x + 0.95 * sw;
    if (s.belted() && b != null) {
      double shoulderX = outerLeft ? b.torsoX() + 0.12 * b.torsoW() : b.torsoX() + 0.88 * b.torsoW();
      double shoulderY = b.torsoY() + 0.12 * b.torsoH();
      double hipX = outerLeft ? b.torsoX() + 0.9 * b.torsoW() : b.torsoX() + 0.1 * b.torsoW();
      double hipY = b.torsoY() + 0.9 * b.torsoH();
      Draw.line(g, strap, pillarX, y + 0.1 * sh, shoulderX, shoulderY, bw);
      Draw.line(g, strap, shoulderX, shoulderY, hipX, hipY, bw);
      Draw.line(g, strap, b.torsoX() + 0.05 * b.torsoW(), hipY, b.torsoX() + 0.95 * b.torsoW(), hipY, bw);
      Draw.rect(g, metal, hipX - bw, hipY - bw * 0.7, 2 * bw, 1.4 * bw);
    } else {
      Draw.line(g, strap, pillarX, y + 0.06 * sh, pillarX, y + 0.56 * sh, bw);
      double stalkX = outerLeft ? x + 0.9 * sw : x + 0.1 * sw;
      Draw.rect(g, metal, stalkX - bw * 0.6, y + 0.62 * sh, 1.2 * bw, 1.6 * bw);
    }
  }

  /**
   * Objects in the cushion's left and right slots, drawn last so they lie on top, each over a dark
   * contact shadow so light objects stay visible on light seats (and in IR, where colour is gone).
   */
  private List<SeatTruth.ObjectTruth> objects(SeatScene s, double[] r, Color upholstery) {
    Random ro = Rng.of(seed, "objects/" + s.row() + "/" + s.position().getNumber());
    List<SeatTruth.ObjectTruth> out = new ArrayList<>();
    double x = r[0], y = r[1], sw = r[2], sh = r[3];
    for (int slot = 0; slot < s.objects().size(); slot++) {
      SeatObject o = s.objects().get(slot);
      double ow = ObjectPainter.size(o)[0] * sw;
      double oh = ObjectPainter.size(o)[1] * sw;
      double ox = slot == 0 ? x + (0.03 + 0.03 * ro.nextDouble()) * sw : x + (0.97 - 0.03 * ro.nextDouble()) * sw - ow;
      double oy = y + (0.8 + 0.06 * ro.nextDouble()) * sh - oh / 2;
      Draw.oval(c.g, Palette.shade(upholstery, 0.5), ox - 0.02 * sw, oy + 0.02 * sw, ow + 0.06 * sw, oh + 0.03 * sw);
      double[] b = ObjectPainter.paint(c.g, o, ox, oy, sw, upholstery, ro);
      out.add(new SeatTruth.ObjectTruth(o, c.box(b[0], b[1], b[2], b[3])));
    }
    return out;
  }
}
