package cockpit.sim.scene;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws an {@link ExteriorScene} as a surround (bird's-eye) view and records its {@link ExteriorTruth}.
 * The own car sits in the middle, front up, so the image's left is the car's left and its top is ahead.
 * Signs sit in the middle of the frame edge of their direction; road users stand upright on the ray
 * towards their corner (32°–62° from the car's axis line, the angle that overlaps least with what is
 * already drawn), further out and smaller the further away they are. One use per image.
 */
final class ExteriorPainter {
  private final Canvas c;
  private final long seed;
  private final Variation v;
  private final double carW;
  private final double carL;

  ExteriorPainter(Canvas c, long seed, Variation v) {
    this.c = c;
    this.seed = seed;
    this.v = v;
    this.carW = 0.18 * c.h;
    this.carL = 0.40 * c.h;
  }

  ExteriorTruth paint(ExteriorScene scene) {
    Color floor = ground(scene.place());
    Vehicles.own(c.g, c.w / 2.0 - carW / 2, c.h / 2.0 - carL / 2, carW, carL, Palette.ownPaint(v.palette()));
    List<Rectangle2D> taken = new ArrayList<>();
    taken.add(new Rectangle2D.Double(c.w / 2.0 - carW * 0.65, c.h / 2.0 - carL * 0.55, carW * 1.3, carL * 1.1));
    List<SignTruth> signs = new ArrayList<>();
    for (SignScene s : scene.signs()) {
      signs.add(sign(s, floor, taken));
    }
    List<RoadUserTruth> users = new ArrayList<>();
    for (RoadUserScene u : scene.roadUsers()) {
      users.add(roadUser(u, taken));
    }
    return new ExteriorTruth(scene.lighting(), v, scene.place(), users, signs);
  }

  /** Asphalt with a kerb and lane marks, or a car-park floor with bay lines and stains; returns the floor colour. */
  private Color ground(ExteriorScene.Place place) {
    Graphics2D g = c.g;
    Random r = Rng.of(seed, "ground");
    double cx = c.w / 2.0;
    double cy = c.h / 2.0;
    return switch (place) {
      case STREET -> {
        Color asphalt = Palette.asphalt(v.palette());
        c.background(asphalt);
        int kerb = r.nextBoolean() ? 1 : -1;
        double kerbX = cx + kerb * (carW / 2 + 0.05 * c.h);
        Color pavement = Palette.jitter(new Color(150, 148, 140), r, 12);
        Draw.rect(g, pavement, kerb > 0 ? kerbX : -c.w, -c.h, c.w, 3 * c.h);
        Draw.rect(g, new Color(190, 188, 180), kerbX - 0.01 * c.h, -c.h, 0.02 * c.h, 3 * c.h);
        double laneX = cx - kerb * (carW / 2 + 0.3 * c.h);
        for (double y = -c.h + r.nextDouble() * 0.2 * c.h; y < 2 * c.h; y += 0.2 * c.h) {
          Draw.rect(g, new Color(225, 225, 215), laneX - 0.008 * c.h, y, 0.016 * c.h, 0.1 * c.h);
        }
        yield asphalt;
      }
      case CAR_PARK -> {
        Color concrete = Palette.concrete(v.palette());
        c.background(concrete);
        for (int i = 0; i < 6; i++) {
          Draw.oval(g, Palette.shade(concrete, 0.9), r.nextDouble() * c.w, r.nextDouble() * c.h, 0.1 * c.h,
              0.06 * c.h);
        }
        Color line = r.nextBoolean() ? new Color(235, 235, 230) : new Color(230, 195, 50);
        double pitch = carW + 0.1 * c.h;
        for (int k = -3; k <= 3; k++) {
          double x = cx + (k + 0.5) * pitch;
          Draw.rect(g, line, x - 0.008 * c.h, cy - carL * 0.62, 0.016 * c.h, carL * 1.3);
        }
        Draw.rect(g, line, -c.w, cy + carL * 0.66, 3 * c.w, 0.016 * c.h);
        yield concrete;
      }
    };
  }

  private SignTruth sign(SignScene s, Color floor, List<Rectangle2D> taken) {
    Random r = Rng.of(seed, "sign/" + s.direction().label());
    double margin = 0.03 * c.h;
    double slotW = s.direction().beside() ? c.w / 2.0 - carW * 0.7 - 2 * margin : 0.92 * c.w;
    double slotH = s.direction().beside() ? 0.5 * c.h : c.h / 2.0 - carL * 0.55 - 2 * margin;
    int unit = (int) Math.max(2, Math.round(c.h / Rng.between(r, 56, 68)));
    while (unit > 1 && (SignPainter.size(s, unit)[0] > slotW || SignPainter.size(s, unit)[1] > slotH)) {
      unit--;
    }
    int[] size = SignPainter.size(s, unit);
    double jx = (r.nextDouble() - 0.5) * Math.max(0, slotW - size[0]) * 0.6;
    double jy = (r.nextDouble() - 0.5) * Math.max(0, slotH - size[1]) * 0.6;
    double x = switch (s.direction()) {
      case LEFT -> margin + (slotW - size[0]) / 2 + jx;
      case RIGHT -> c.w - margin - (slotW + size[0]) / 2 + jx;
      case FRONT, REAR -> (c.w - size[0]) / 2.0 + jx;
    };
    double y = switch (s.direction()) {
      case FRONT -> margin + (slotH - size[1]) / 2 + jy;
      case REAR -> c.h - margin - (slotH + size[1]) / 2 + jy;
      case LEFT, RIGHT -> (c.h - size[1]) / 2.0 + jy;
    };
    SignPainter.paint(c.g, s, (int) Math.round(x), (int) Math.round(y), unit, floor, r);
    taken.add(new Rectangle2D.Double(x, y, size[0], size[1]));
    return new SignTruth(s, unit, c.box(x, y, x + size[0], y + size[1]));
  }

  private RoadUserTruth roadUser(RoadUserScene u, List<Rectangle2D> taken) {
    Random r = Rng.of(seed, "road-user/" + u.zone());
    RoadUserScene.Facing facing = u.facing();
    int dir = r.nextBoolean() ? 1 : -1;
    double d = u.distanceM();
    double size = c.h * (0.14 + 0.18 * 6 / (d + 5)) * (u.kind() == ExteriorScene.RoadUser.VEHICLE ? 0.7 : 1);
    double sh = size;
    double sw = size * RoadUserPainter.aspect(u.kind(), facing);
    double reach = 0.34 + 0.6 * (d - 1) / (d - 1 + 9);
    double sx = u.side() == ExteriorScene.Side.LEFT ? -1 : 1;
    double sy = u.end() == ExteriorScene.End.FRONT ? -1 : 1;
    Rectangle2D best = null;
    double bestCost = Double.MAX_VALUE;
    double pref = r.nextDouble();
    for (int step = 0; step <= 6; step++) {
      double theta = Math.toRadians(32 + 5 * step);
      Rectangle2D b = place(theta, reach, sx, sy, sw, sh, taken.getFirst());
      double cost = 0;
      for (Rectangle2D t : taken) {
        Rectangle2D i = b.createIntersection(t);
        cost += i.isEmpty() ? 0 : i.getWidth() * i.getHeight();
      }
      cost += Math.abs(step / 6.0 - pref) * 0.01 * sw * sh; // a seeded preference among equally free angles
      if (cost < bestCost) {
        bestCost = cost;
        best = b;
      }
    }
    taken.add(best);
    RoadUserPainter.paint(c.g, u.kind(), facing, dir, best.getX(), best.getY(), sw, sh, r);
    return new RoadUserTruth(u, c.box(best.getMinX(), best.getMinY(), best.getMaxX(), best.getMaxY()));
  }

  /** The sprite box centred on the ray at {@code theta}, pushed out of the car and kept inside the frame. */
  private Rectangle2D place(double theta, double reach, double sx, double sy, double sw, double sh, Rectangle2D car) {
    Rectangle2D b = new Rectangle2D.Double();
    for (double k = reach; ; k += 0.02) {
      double x = c.w / 2.0 + sx * Math.cos(theta) * k * c.w / 2;
      double y = c.h / 2.0 + sy * Math.sin(theta) * k * c.h / 2;
      x = inside(x, sw, c.w);
      y = inside(y, sh, c.h);
      b.setRect(x - sw / 2, y - sh / 2, sw, sh);
      if (!b.intersects(car) || k > 1.2) {
        return b;
      }
    }
  }

  /** Centre {@code v} moved so a sprite {@code size} wide stays 2 px inside {@code 0..limit} (centred if it cannot). */
  private static double inside(double v, double size, double limit) {
    double lo = size / 2 + 2;
    double hi = limit - size / 2 - 2;
    return lo > hi ? limit / 2.0 : Math.clamp(v, lo, hi);
  }
}
