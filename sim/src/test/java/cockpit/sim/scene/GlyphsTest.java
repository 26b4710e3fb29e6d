package cockpit.sim.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlyphsTest {
  private static final String DRAWABLE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-. ";

  /** {@code text} drawn in white on black at {@code unit}, in a canvas with a margin of one glyph. */
  private static BufferedImage draw(String text, int unit, SignFont font) {
    int w = Glyphs.width(text, unit, font);
    int h = Glyphs.height(unit);
    BufferedImage img = new BufferedImage(w + 20 * unit, h + 20 * unit, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    Glyphs.draw(g, text, 10 * unit, 10 * unit, unit, font);
    g.dispose();
    return img;
  }

  @Test
  void everyCharacterHasItsOwnShapeInEveryFont() {
    for (SignFont font : SignFont.values()) {
      Map<String, Character> seen = new HashMap<>();
      for (char c : DRAWABLE.toCharArray()) {
        BufferedImage img = draw(String.valueOf(c), 4, font);
        String key = Arrays.toString(img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
        Character before = seen.put(key, c);
        assertNull(before, font + ": '" + c + "' looks like '" + before + "'");
      }
    }
  }

  @Test
  void drawingStaysInsideTheMeasuredBox() {
    for (SignFont font : SignFont.values()) {
      for (int unit : new int[] {2, 3, 5}) {
        String text = "W0-8.Q";
        BufferedImage img = draw(text, unit, font);
        int x0 = 10 * unit;
        int y0 = 10 * unit;
        int x1 = x0 + Glyphs.width(text, unit, font);
        int y1 = y0 + Glyphs.height(unit);
        boolean inked = false;
        for (int y = 0; y < img.getHeight(); y++) {
          for (int x = 0; x < img.getWidth(); x++) {
            if ((img.getRGB(x, y) & 0xFFFFFF) != 0) {
              inked = true;
              // LINE's round caps may reach half a stroke past a cell's centre, never past the cell.
              assertTrue(x >= x0 - 1 && x < x1 + 1 && y >= y0 - 1 && y < y1 + 1,
                  font + " unit " + unit + " ink at " + x + "," + y + " outside " + x0 + ".." + x1 + "," + y0 + ".." + y1);
            }
          }
        }
        assertTrue(inked, font + " draws something");
      }
    }
  }

  @Test
  void signTextIsCheckedAndBrokenIntoLinesBesideTheCar() {
    SignScene s = new SignScene(SignScene.Kind.LEVEL, "deck 3", SignScene.Direction.LEFT, SignFont.DOT);
    assertEquals("DECK 3", s.text(), "drawn in capitals");
    assertEquals(List.of("DECK", "3"), s.lines());
    assertEquals(List.of("LEVEL 3"),
        new SignScene(SignScene.Kind.LEVEL, "LEVEL 3", SignScene.Direction.FRONT, SignFont.DOT).lines());
    assertThrows(IllegalArgumentException.class,
        () -> new SignScene(SignScene.Kind.LEVEL, "LEVEL 3", SignScene.Direction.RIGHT, SignFont.DOT));
    assertThrows(IllegalArgumentException.class,
        () -> new SignScene(SignScene.Kind.BAY, "BAY 12345", SignScene.Direction.REAR, SignFont.DOT));
    assertThrows(IllegalArgumentException.class, () -> new SignScene(SignScene.Kind.BAY, "  ", SignScene.Direction.REAR,
        SignFont.DOT));
    assertFalse(Glyphs.drawable('a'), "lower case is upper-cased before it gets here");
  }
}
