package cockpit.sim.scene;

import java.awt.Color;
import java.awt.Graphics2D;

/**
 * A face seen from the front camera, in the cabin's mirror view (the image's left is the car's left,
 * so a driver looking to their left turns towards the image's left). Sizes are fractions of the head
 * diameter {@code d}; at a 128-pixel model input a front-row head is about 15 pixels, an eye 3.
 *
 * <ul>
 *   <li>gaze road: face centred, pupils centred; left / right: the face slides towards that side (hair
 *       shows on the other), pupils at that corner; down: the face drops (a wide band of hair on top),
 *       lids half down, pupils low, brows low;
 *   <li>eyes closed: no white at all, a dark lid line;
 *   <li>yawning: a tall dark open mouth instead of a thin line.
 * </ul>
 */
final class FacePainter {
  private static final Color WHITE = new Color(248, 248, 244);
  private static final Color PUPIL = new Color(25, 20, 22);
  private static final Color LID = new Color(45, 25, 20);

  private FacePainter() {}

  static void face(Graphics2D g, double cx, double cy, double d, DriverState st, Color skin, Color hair) {
    double fx = switch (st.head()) {
      case LEFT -> -0.15 * d;
      case RIGHT -> 0.15 * d;
      case FORWARD, DOWN -> 0;
    };
    boolean down = st.head() == DriverState.Head.DOWN;
    double fy = down ? 0.17 * d : 0.07 * d;
    boolean turned = fx != 0;
    Draw.disc(g, hair, cx, cy, d);
    if (!turned) {
      Draw.oval(g, skin, cx - 0.56 * d, cy - 0.05 * d, 0.16 * d, 0.24 * d);
      Draw.oval(g, skin, cx + 0.40 * d, cy - 0.05 * d, 0.16 * d, 0.24 * d);
    } else {
      double ear = fx < 0 ? cx + 0.38 * d : cx - 0.54 * d;
      Draw.oval(g, skin, ear, cy - 0.05 * d, 0.16 * d, 0.24 * d);
    }
    double faceW = (turned ? 0.72 : 0.8) * d;
    double faceH = (down ? 0.68 : 0.8) * d;
    Draw.oval(g, skin, cx + fx - faceW / 2, cy + fy - faceH / 2 + 0.04 * d, faceW, faceH);
    double ey = cy + fy - (down ? 0.02 : 0.07) * d;
    double gap = (turned ? 0.17 : 0.2) * d;
    double ex = cx + 1.2 * fx;
    for (double x : new double[] {ex - gap, ex + gap}) {
      eye(g, x, ey, d, st, skin);
      Draw.rect(g, hair, x - 0.12 * d, ey - (down ? 0.13 : 0.17) * d, 0.24 * d, Math.max(1, 0.05 * d));
    }
    Draw.rect(g, Palette.shade(skin, 0.78), cx + 1.4 * fx - 0.04 * d, ey + 0.07 * d, 0.08 * d, 0.13 * d);
    double my = cy + fy + (down ? 0.2 : 0.25) * d;
    if (st.yawning()) {
      Draw.oval(g, new Color(70, 18, 24), ex - 0.13 * d, my - 0.12 * d, 0.26 * d, 0.3 * d);
      Draw.oval(g, new Color(30, 8, 10), ex - 0.08 * d, my - 0.05 * d, 0.16 * d, 0.17 * d);
    } else {
      Draw.rect(g, new Color(140, 50, 55), ex - 0.13 * d, my, 0.26 * d, Math.max(1, 0.05 * d));
    }
  }

  private static void eye(Graphics2D g, double x, double y, double d, DriverState st, Color skin) {
    double ew = 0.25 * d;
    double eh = 0.17 * d;
    if (st.eyes() == DriverState.Eyes.CLOSED) {
      Draw.rect(g, LID, x - ew / 2, y, ew, Math.max(1.5, 0.06 * d));
      return;
    }
    Draw.oval(g, WHITE, x - ew / 2, y - eh / 2, ew, eh);
    double p = Math.max(1.5, 0.65 * eh);
    double px = switch (st.head()) {
      case LEFT -> x - 0.3 * ew;
      case RIGHT -> x + 0.3 * ew;
      case FORWARD, DOWN -> x;
    };
    double py = st.head() == DriverState.Head.DOWN ? y + 0.2 * eh : y;
    Draw.disc(g, PUPIL, px, py, p);
    if (st.head() == DriverState.Head.DOWN) {
      Draw.rect(g, skin, x - ew / 2, y - eh / 2 - 1, ew, eh * 0.5 + 1);
    }
  }
}
