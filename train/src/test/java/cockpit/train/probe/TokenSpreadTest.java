package cockpit.train.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The probe's finding as a check: at seed 1 the tiny encoder (8-channel stem) starts collapsed —
 * its tokens hardly depend on the image — while the mini encoder's 32-channel stem does not.
 */
class TokenSpreadTest {
  @Test
  void theTinyStemStartsCollapsedAtSeedOneAndTheMiniStemDoesNot() {
    double tiny = spread(8);
    double mini = spread(32);
    assertTrue(tiny < 0.01, "tiny encoder spread " + tiny);
    assertTrue(mini > 0.05, "32-channel stem spread " + mini);
  }

  private static double spread(int stem) {
    Backbone b = new Backbone.Encoder(EncoderProbe.vision(128, stem, 1, 8), 0.1, 0.02);
    return new Probe(new ProbeOptions(b, 128, 1, 1, 1e-3, 0, 1, 1, 24, 1)).initialSpread();
  }
}
