package cockpit.sim.scene;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.util.HashMap;
import java.util.Map;

/**
 * The renderer's own 5×7 capital font (A–Z, 0–9, space, {@code -}, {@code .}) and the four ways
 * {@link SignFont} draws it. Each glyph is 5 cells wide and 7 high on a grid of {@code unit} pixels;
 * a character advances 6 cells. Zero has a slash so it differs from O. Stateless.
 */
final class Glyphs {
  /** Cells per glyph row and column. */
  static final int COLS = 5;
  static final int ROWS = 7;
  /** Cells from one character to the next. */
  static final int ADVANCE = 6;

  private static final Map<Character, boolean[][]> GLYPHS = new HashMap<>();

  static {
    String[] table = {
        "0.###./#...#/#..##/#.#.#/##..#/#...#/.###.", "1..#../.##../..#../..#../..#../..#../.###.",
        "2.###./#...#/....#/...#./..#../.#.../#####", "3#####/...#./..#../...#./....#/#...#/.###.",
        "4...#./..##./.#.#./#..#./#####/...#./...#.", "5#####/#..../####./....#/....#/#...#/.###.",
        "6..##./.#.../#..../####./#...#/#...#/.###.", "7#####/....#/...#./..#../.#.../.#.../.#...",
        "8.###./#...#/#...#/.###./#...#/#...#/.###.", "9.###./#...#/#...#/.####/....#/...#./.##..",
        "A.###./#...#/#...#/#####/#...#/#...#/#...#", "B####./#...#/#...#/####./#...#/#...#/####.",
        "C.###./#...#/#..../#..../#..../#...#/.###.", "D###../#..#./#...#/#...#/#...#/#..#./###..",
        "E#####/#..../#..../####./#..../#..../#####", "F#####/#..../#..../####./#..../#..../#....",
        "G.###./#...#/#..../#.###/#...#/#...#/.####", "H#...#/#...#/#...#/#####/#...#/#...#/#...#",
        "I.###./..#../..#../..#../..#../..#../.###.", "J..###/...#./...#./...#./...#./#..#./.##..",
        "K#...#/#..#./#.#../##.../#.#../#..#./#...#", "L#..../#..../#..../#..../#..../#..../#####",
        "M#...#/##.##/#.#.#/#.#.#/#...#/#...#/#...#", "N#...#/#...#/##..#/#.#.#/#..##/#...#/#...#",
        "O.###./#...#/#...#/#...#/#...#/#...#/.###.", "P####./#...#/#...#/####./#..../#..../#....",
        "Q.###./#...#/#...#/#...#/#.#.#/#..#./.##.#", "R####./#...#/#...#/####./#.#../#..#./#...#",
        "S.####/#..../#..../.###./....#/....#/####.", "T#####/..#../..#../..#../..#../..#../..#..",
        "U#...#/#...#/#...#/#...#/#...#/#...#/.###.", "V#...#/#...#/#...#/#...#/#...#/.#.#./..#..",
        "W#...#/#...#/#...#/#.#.#/#.#.#/#.#.#/.#.#.", "X#...#/#...#/.#.#./..#../.#.#./#...#/#...#",
        "Y#...#/#...#/.#.#./..#../..#../..#../..#..", "Z#####/....#/...#./..#../.#.../#..../#####",
        "-...../...../...../#####/...../...../.....", "....../...../...../...../...../.##../.##..",
        " ...../...../...../...../...../...../.....",
    };
    for (String t : table) {
      String[] rows = t.substring(1).split("/");
      boolean[][] cells = new boolean[ROWS][COLS];
      for (int r = 0; r < ROWS; r++) {
        for (int c = 0; c < COLS; c++) {
          cells[r][c] = rows[r].charAt(c) == '#';
        }
      }
      GLYPHS.put(t.charAt(0), cells);
    }
  }

  private Glyphs() {}

  static boolean drawable(char c) {
    return GLYPHS.containsKey(c);
  }

  /** Width in pixels of {@code line} at {@code unit} pixels per cell, the slant included. */
  static int width(String line, int unit, SignFont font) {
    return (ADVANCE * line.length() - 1) * unit + (font == SignFont.SLANT ? slant(0, unit) : 0);
  }

  /** Height in pixels of one line. */
  static int height(int unit) {
    return ROWS * unit;
  }

  /** Draws {@code line} with its top-left corner at (x, y) in the current colour. */
  static void draw(Graphics2D g, String line, int x, int y, int unit, SignFont font) {
    Stroke before = g.getStroke();
    g.setStroke(new BasicStroke(Math.max(1f, Math.round(unit * 0.8f)), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    try {
      for (int i = 0; i < line.length(); i++) {
        glyph(g, GLYPHS.get(line.charAt(i)), x + i * ADVANCE * unit, y, unit, font);
      }
    } finally {
      g.setStroke(before);
    }
  }

  private static void glyph(Graphics2D g, boolean[][] cells, int x, int y, int u, SignFont font) {
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < COLS; c++) {
        if (!cells[r][c]) {
          continue;
        }
        int cx = x + c * u;
        int cy = y + r * u;
        switch (font) {
          case BLOCK -> g.fillRect(cx, cy, u, u);
          case SLANT -> g.fillRect(cx + slant(r, u), cy, u, u);
          case DOT -> {
            if (u >= 3) {
              g.fillOval(cx, cy, u, u);
            } else {
              g.fillRect(cx, cy, Math.max(1, u - 1), Math.max(1, u - 1));
            }
          }
          case LINE -> strokes(g, cells, r, c, cx + u / 2, cy + u / 2, u);
        }
      }
    }
  }

  /** Joins a cell to its right, lower and (where no square path exists) diagonal neighbours. */
  private static void strokes(Graphics2D g, boolean[][] cells, int r, int c, int px, int py, int u) {
    boolean right = on(cells, r, c + 1);
    boolean down = on(cells, r + 1, c);
    boolean any = right || down || on(cells, r, c - 1) || on(cells, r - 1, c);
    if (right) {
      g.drawLine(px, py, px + u, py);
    }
    if (down) {
      g.drawLine(px, py, px, py + u);
    }
    if (on(cells, r + 1, c + 1) && !right && !on(cells, r + 1, c)) {
      g.drawLine(px, py, px + u, py + u);
      any = true;
    }
    if (on(cells, r + 1, c - 1) && !on(cells, r, c - 1) && !down) {
      g.drawLine(px, py, px - u, py + u);
      any = true;
    }
    any |= on(cells, r - 1, c - 1) || on(cells, r - 1, c + 1);
    if (!any) {
      g.drawLine(px, py, px, py);
    }
  }

  private static boolean on(boolean[][] cells, int r, int c) {
    return r >= 0 && r < ROWS && c >= 0 && c < COLS && cells[r][c];
  }

  /** Italic shift of row {@code r}: the top row moves right by two cells' worth, the bottom not at all. */
  private static int slant(int r, int u) {
    return (ROWS - 1 - r) * u / 3;
  }
}
