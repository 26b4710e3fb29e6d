package cockpit.app;

import cockpit.npu.model.ProgressListener;
import java.io.PrintStream;

/** A one-line progress bar on stderr for long steps (model generation and export). */
public final class ProgressBar implements ProgressListener {
  private final PrintStream out;
  private String stage = "";
  private int lastPercent = -1;
  private long lastDraw;
  private final long started = System.nanoTime();

  public ProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public void progress(String s, long done, long total) {
    int percent = total <= 0 ? 100 : (int) (100 * done / total);
    long now = System.nanoTime();
    boolean sameStage = s.equals(stage);
    if (sameStage && (percent == lastPercent || (percent < 100 && now - lastDraw < 250_000_000L))) {
      return; // redraw at most four times a second
    }
    lastDraw = now;
    if (!s.equals(stage) && !stage.isEmpty()) {
      out.println();
    }
    stage = s;
    lastPercent = percent;
    int filled = percent / 4;
    String amount = total > 1 << 20 ? String.format("%.1f/%.1f MB", done / 1e6, total / 1e6) : done + "/" + total;
    out.printf("\r%-10s [%s%s] %3d%% %s  %.0fs", s, "#".repeat(filled), " ".repeat(25 - filled), percent, amount,
        (System.nanoTime() - started) / 1e9);
    out.flush();
  }

  /** Ends the bar's line, if one was drawn (so a message after an early failure starts on its own line). */
  public void done() {
    if (!stage.isEmpty()) {
      out.println();
      stage = "";
    }
  }
}
