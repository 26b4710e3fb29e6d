package cockpit.sim.scene;

/**
 * The fixed set of sign fonts. All four draw the same built-in 5×7 glyph grid ({@link Glyphs}) in
 * different ways, so text looks different from sign to sign while the renderer needs no font files:
 * the JDK's logical fonts map to whatever the machine has installed (or fail without fontconfig fonts),
 * which would make the same scene render differently on another machine.
 *
 * <ul>
 *   <li>{@code BLOCK}: square cells, touching (a stencil / bitmap look);
 *   <li>{@code DOT}: round cells with gaps (an LED dot-matrix display);
 *   <li>{@code LINE}: neighbouring cells joined by strokes (a thinner, drawn look);
 *   <li>{@code SLANT}: square cells, each row shifted (italic).
 * </ul>
 */
public enum SignFont {
  BLOCK, DOT, LINE, SLANT;

  public String label() {
    return Names.of(this);
  }

  public static SignFont parse(String s) {
    return Names.parse(SignFont.class, s);
  }
}
