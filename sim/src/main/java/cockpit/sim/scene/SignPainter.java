package cockpit.sim.scene;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.List;
import java.util.Random;

/**
 * Car-park signs with readable text: a level sign is a plate (blue, green or yellow) with a light frame;
 * a bay number is light paint on a dark painted box on the floor; a pillar is a concrete block with a
 * coloured band carrying its label. Text uses {@link Glyphs} at an integer cell size ({@code unit}),
 * chosen by the caller so a character stays at least about 7 pixels high at a 128-pixel model input.
 * Stateless.
 */
final class SignPainter {
  private SignPainter() {}

  /** Margin around the text inside the sign, in cells. */
  static int pad(SignScene.Kind kind) {
    return switch (kind) {
      case LEVEL -> 2;
      case BAY -> 1;
      case PILLAR -> 2;
    };
  }

  /** The sign's outer size {w, h} in pixels at {@code unit}. */
  static int[] size(SignScene s, int unit) {
    List<String> lines = s.lines();
    int tw = 0;
    for (String l : lines) {
      tw = Math.max(tw, Glyphs.width(l, unit, s.font()));
    }
    int th = lines.size() * Glyphs.height(unit) + (lines.size() - 1) * 2 * unit;
    int p = pad(s.kind()) * unit;
    int extra = s.kind() == SignScene.Kind.PILLAR ? unit : 0; // concrete above and below the band
    return new int[] {tw + 2 * p, th + 2 * unit + 2 * extra};
  }

  /** Draws {@code s} with its top-left corner at (x, y). */
  static void paint(Graphics2D g, SignScene s, int x, int y, int unit, Color floor, Random r) {
    int[] size = size(s, unit);
    int w = size[0], h = size[1];
    int frame = Math.max(1, unit / 2);
    Color ink = switch (s.kind()) {
      case LEVEL -> {
        Color[][] schemes = {{new Color(20, 70, 165), Color.WHITE}, {new Color(20, 120, 70), Color.WHITE},
            {new Color(240, 200, 30), new Color(20, 20, 20)}};
        Color[] scheme = schemes[r.nextDouble() < 0.6 ? 0 : 1 + r.nextInt(2)];
        Draw.rect(g, new Color(235, 235, 235), x, y, w, h);
        Draw.rect(g, scheme[0], x + frame, y + frame, w - 2 * frame, h - 2 * frame);
        yield scheme[1];
      }
      case BAY -> {
        Color paint = r.nextBoolean() ? new Color(240, 240, 235) : new Color(235, 200, 40);
        Draw.rect(g, Palette.shade(floor, 0.4), x, y, w, h); // the painted box that makes the number stand out
        Draw.rect(g, paint, x, y, w, frame);
        Draw.rect(g, paint, x, y + h - frame, w, frame);
        Draw.rect(g, paint, x, y, frame, h);
        Draw.rect(g, paint, x + w - frame, y, frame, h);
        yield paint;
      }
      case PILLAR -> {
        Color concrete = Palette.jitter(Palette.shade(floor, 1.2), r, 8);
        Draw.rect(g, Palette.shade(floor, 0.55), x + unit, y + unit, w, h);
        Draw.rect(g, Palette.shade(concrete, 0.6), x, y, w, h);
        Draw.rect(g, concrete, x + frame, y + frame, w - 2 * frame, h - 2 * frame);
        Color band = Palette.vivid(r);
        Draw.rect(g, band, x, y + unit, w, h - 2 * unit);
        yield Palette.luma(band) > 140 ? new Color(20, 20, 20) : Color.WHITE;
      }
    };
    int textTop = y + (s.kind() == SignScene.Kind.PILLAR ? 2 : 1) * unit;
    g.setColor(ink);
    List<String> lines = s.lines();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int lx = x + (w - Glyphs.width(line, unit, s.font())) / 2;
      Glyphs.draw(g, line, lx, textTop + i * (Glyphs.height(unit) + 2 * unit), unit, s.font());
    }
  }
}
