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
    this.carW = 0.17 * c.h;
    this.carL = 0.36 * c.h;
  }

  ExteriorTruth paint(ExteriorScene scene) {
    Color floor = ground(scene.place());
    Vehicles.own(c.g, c.w / 2.0 - carW / 2, c.h / 2.0 - carL / 2, carW, carL, Palette.ownPaint(v.palette()));
    List<Rectangle2D> taken = new ArrayList<>();
    taken.add(new Rectangle2D.Double(c.w / 2.0 - carW * 0.65, c.h / 2.0 - carL * 0.55, carW * 1.3, carL * 1.1));
    // Road users first: their distance fixes where they stand. Signs then slide along their band to
    // the freest spot; a road user still covering a sign picks its angle again knowing the signs. Signs
    // are drawn before the people, who stand on top.
    List<Rectangle2D> userBoxes = new ArrayList<>();
    for (RoadUserScene u : scene.roadUsers()) {
      userBoxes.add(place(u, taken));
      taken.add(userBoxes.getLast());
    }
    SignLayout layout = new SignLayout(c.w, c.h, carW, carL, seed);
    List<Rectangle2D> signBoxes = new ArrayList<>();
    List<SignLayout.Placement> placements = new ArrayList<>();
    for (SignScene s : scene.signs()) {
      placements.add(layout.place(s, taken));
      signBoxes.add(placements.getLast().box());
      taken.add(placements.getLast().box());
    }
    for (int i = 0; i < userBoxes.size(); i++) {
      if (SignLayout.overlap(userBoxes.get(i), signBoxes) > 0) {
        List<Rectangle2D> others = new ArrayList<>(taken);
        others.remove(userBoxes.get(i));
        userBoxes.set(i, place(scene.roadUsers().get(i), others));
      }
    }
    List<SignTruth> signs = new ArrayList<>();
    for (int i = 0; i < placements.size(); i++) {
      signs.add(drawSign(scene.signs().get(i), placements.get(i), floor, SignLayout.covered(placements.get(i).box(), userBoxes)));
    }
    List<RoadUserTruth> users = new ArrayList<>();
    for (int i = 0; i < userBoxes.size(); i++) {
      List<Rectangle2D> later = userBoxes.subList(i + 1, userBoxes.size());
      users.add(drawUser(scene.roadUsers().get(i), userBoxes.get(i), SignLayout.covered(userBoxes.get(i), later)));
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

  private SignTruth drawSign(SignScene s, SignLayout.Placement p, Color floor, double covered) {
    Random r = Rng.of(seed, "sign/" + s.direction().label());
    Rectangle2D b = p.box();
    SignPainter.paint(c.g, s, (int) Math.round(b.getX()), (int) Math.round(b.getY()), p.unit(), floor, r);
    return new SignTruth(s, p.unit(), c.box(b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY()), covered);
  }

  /** Sprite height in pixels at {@code d} metres: nearer is larger (vehicles drawn at 0.7 of a person's scale). */
  private double spriteHeight(ExteriorScene.RoadUser kind, double d) {
    return c.h * (0.18 + 0.22 * 6 / (d + 5)) * (kind == ExteriorScene.RoadUser.VEHICLE ? 0.7 : 1);
  }

  /** Where road user {@code u} stands: on the ray towards its corner that overlaps least with {@code taken}. */
  private Rectangle2D place(RoadUserScene u, List<Rectangle2D> taken) {
    Random r = Rng.of(seed, "road-user-place/" + u.zone());
    double aspect = RoadUserPainter.aspect(u.kind(), u.facing());
    double sh = spriteHeight(u.kind(), u.distanceM());
    double sw = sh * aspect;
    double nearH = spriteHeight(u.kind(), ExteriorScene.MIN_DISTANCE_M);
    double sx = u.side() == ExteriorScene.Side.LEFT ? -1 : 1;
    double sy = u.end() == ExteriorScene.End.FRONT ? -1 : 1;
    double further = 0.45 * (u.distanceM() - 1) / (u.distanceM() - 1 + 9);
    Rectangle2D best = null;
    double bestCost = Double.MAX_VALUE;
    double pref = r.nextDouble();
    for (int step = 0; step <= 6; step++) {
      double theta = Math.toRadians(32 + 5 * step);
      // Out along the ray from where a 1-metre sprite of this kind clears the car, so the distance
      // from the car grows with the distance in metres whatever the sprite's size.
      double k = clear(theta, sx, sy, nearH * aspect, nearH, taken.getFirst()) + further;
      Rectangle2D b = box(theta, k, sx, sy, sw, sh);
      double cost = SignLayout.overlap(b, taken) + Math.abs(step / 6.0 - pref) * 0.01 * sw * sh; // seeded preference among free angles
      if (cost < bestCost) {
        bestCost = cost;
        best = b;
      }
    }
    return best;
  }

  private RoadUserTruth drawUser(RoadUserScene u, Rectangle2D b, double covered) {
    Random r = Rng.of(seed, "road-user/" + u.zone());
    int dir = r.nextBoolean() ? 1 : -1;
    RoadUserPainter.paint(c.g, u.kind(), u.facing(), dir, b.getX(), b.getY(), b.getWidth(), b.getHeight(), r);
    return new RoadUserTruth(u, c.box(b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY()), covered);
  }

  /** The smallest reach along the ray at {@code theta} where a sprite {@code sw} × {@code sh} misses the car. */
  private double clear(double theta, double sx, double sy, double sw, double sh, Rectangle2D car) {
    double k = 0.1;
    while (k < 1.5 && unclamped(theta, k, sx, sy, sw, sh).intersects(car)) {
      k += 0.01;
    }
    return k;
  }

  private Rectangle2D unclamped(double theta, double k, double sx, double sy, double sw, double sh) {
    double x = c.w / 2.0 + sx * Math.cos(theta) * k * c.w / 2;
    double y = c.h / 2.0 + sy * Math.sin(theta) * k * c.h / 2;
    return new Rectangle2D.Double(x - sw / 2, y - sh / 2, sw, sh);
  }

  /** The sprite box centred on the ray at reach {@code k}, kept inside the frame. */
  private Rectangle2D box(double theta, double k, double sx, double sy, double sw, double sh) {
    Rectangle2D b = unclamped(theta, k, sx, sy, sw, sh);
    double x = inside(b.getCenterX(), sw, c.w);
    double y = inside(b.getCenterY(), sh, c.h);
    return new Rectangle2D.Double(x - sw / 2, y - sh / 2, sw, sh);
  }

  /** Centre {@code v} moved so a sprite {@code size} wide stays 2 px inside {@code 0..limit} (centred if it cannot). */
  private static double inside(double v, double size, double limit) {
    double lo = size / 2 + 2;
    double hi = limit - size / 2 - 2;
    return lo > hi ? limit / 2.0 : Math.clamp(v, lo, hi);
  }
}
