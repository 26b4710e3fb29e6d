package cockpit.sim.scene;

import java.awt.Color;
import java.util.Random;

/**
 * Colour choices. A palette index (from {@link Variation}) picks the cabin's trim and upholstery or the
 * ground and the own car's paint; element streams ({@link Rng}) pick clothes, skin, hair, fur and object
 * colours with small jitter. Clothes are kept light enough (luma ≥ 100) that the dark seat belt always
 * stands out, and hair differs from skin so a face (approaching) differs from the back of a head.
 */
final class Palette {
  /** Number of palettes. */
  static final int SIZE = 8;

  private static final int[] TRIM = {0x2E3036, 0x4A4238, 0x3A3F4A, 0x24262B, 0x5A544C, 0x383030, 0x2F3A3A, 0x45464D};
  private static final int[] UPHOLSTERY = {0x3C3C42, 0xB8A78C, 0x5B6A80, 0x2A2A2E, 0x8C6B4E, 0x7A2E2E, 0x6E7A6E,
      0x9A9AA0};
  private static final int[] ASPHALT = {0x4A4B50, 0x55565A, 0x3E3F44, 0x5E5C58, 0x47494F, 0x505055, 0x5A5A5E,
      0x434447};
  private static final int[] CONCRETE = {0x8E8E8A, 0x9A968E, 0x7E8288, 0xA3A3A0, 0x86807A, 0x92969A, 0x8A8A84,
      0x9E9890};
  private static final int[] PAINT = {0xB02020, 0x1E3F8A, 0xD8D8D8, 0x202226, 0x5A6A72, 0x2F6B3A, 0xC8A02A,
      0x7A1F5A};
  private static final int[] SKIN = {0xF1C7A8, 0xE0AC88, 0xC68A64, 0xA0694A, 0x7A4A32, 0x5C3826};
  private static final int[] FUR = {0x7A5230, 0x1E1A18, 0xE8E2D6, 0xC89A52, 0x8A8A8A, 0xA4602C};

  private Palette() {}

  static Color trim(int palette) {
    return new Color(TRIM[palette]);
  }

  static Color upholstery(int palette, Random r) {
    return jitter(new Color(UPHOLSTERY[palette]), r, 10);
  }

  static Color asphalt(int palette) {
    return new Color(ASPHALT[palette]);
  }

  static Color concrete(int palette) {
    return new Color(CONCRETE[palette]);
  }

  static Color ownPaint(int palette) {
    return new Color(PAINT[palette]);
  }

  /** Any car paint (other road users). */
  static Color paint(Random r) {
    return jitter(new Color(PAINT[r.nextInt(PAINT.length)]), r, 20);
  }

  /** A light-to-mid clothing colour (luma ≥ 100). */
  static Color clothes(Random r) {
    Color c = Color.getHSBColor(r.nextFloat(), 0.25f + 0.55f * r.nextFloat(), 0.6f + 0.4f * r.nextFloat());
    for (int i = 0; i < 8 && luma(c) < 100; i++) {
      c = c.brighter(); // every channel is > 0 (saturation < 1), so this reaches luma 100
    }
    return c;
  }

  /** A darker clothing colour (trousers, jackets seen from behind may be anything). */
  static Color dark(Random r) {
    return Color.getHSBColor(r.nextFloat(), 0.2f + 0.5f * r.nextFloat(), 0.2f + 0.35f * r.nextFloat());
  }

  static Color skin(Random r) {
    return jitter(new Color(SKIN[r.nextInt(SKIN.length)]), r, 8);
  }

  /** Hair that differs from {@code skin} by at least 70 levels of luma. */
  static Color hair(Random r, Color skin) {
    Color[] choices = {new Color(0x15110F), new Color(0x3B2A1E), new Color(0x6B4A2B), new Color(0xD8C07A),
        new Color(0xB8B8B8), new Color(0x9A3F1C)};
    Color c = choices[r.nextInt(choices.length)];
    if (Math.abs(luma(c) - luma(skin)) < 70) {
      c = luma(skin) > 120 ? choices[0] : choices[3];
    }
    return c;
  }

  static Color fur(Random r) {
    return jitter(new Color(FUR[r.nextInt(FUR.length)]), r, 12);
  }

  static Color vivid(Random r) {
    return Color.getHSBColor(r.nextFloat(), 0.6f + 0.3f * r.nextFloat(), 0.55f + 0.35f * r.nextFloat());
  }

  static Color jitter(Color c, Random r, int amount) {
    return new Color(clamp(c.getRed() + r.nextInt(2 * amount + 1) - amount),
        clamp(c.getGreen() + r.nextInt(2 * amount + 1) - amount), clamp(c.getBlue() + r.nextInt(2 * amount + 1) - amount));
  }

  static Color shade(Color c, double f) {
    return new Color(clamp((int) (c.getRed() * f)), clamp((int) (c.getGreen() * f)), clamp((int) (c.getBlue() * f)));
  }

  static double luma(Color c) {
    return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
  }

  private static int clamp(int v) {
    return Math.clamp(v, 0, 255);
  }
}
