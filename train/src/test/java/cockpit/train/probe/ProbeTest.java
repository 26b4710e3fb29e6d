package cockpit.train.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A few seeded probe steps on a micro encoder and on the CNN lower the loss on a handful of cabins. */
class ProbeTest {
  @Test
  void aMicroEncoderProbeLowersItsLossOnFourCabins() {
    assertLearns(new Backbone.Encoder(EncoderProbe.vision(64, 8, 1, 4), 0.1, 0.02));
  }

  @Test
  void theCnnBaselineLowersItsLossOnFourCabins() {
    assertLearns(new Backbone.Cnn(64, 32));
  }

  private static void assertLearns(Backbone backbone) {
    ProbeOptions o = new ProbeOptions(backbone, 64, 16, 4, 3e-3, 2, 11, 4, 4, 16);
    List<Double> losses = new ArrayList<>();
    new Probe(o).run(new Probe.Listener() {
      @Override
      public void step(int step, double loss, double gradNorm, double computeS, double dataS) {
        assertTrue(Double.isFinite(loss) && Double.isFinite(gradNorm), "step " + step + ": loss " + loss);
        losses.add(loss);
      }

      @Override
      public void eval(int step, Accuracy accuracy) {}
    });
    double first = (losses.get(0) + losses.get(1) + losses.get(2)) / 3;
    double last = (losses.get(13) + losses.get(14) + losses.get(15)) / 3;
    assertTrue(last < 0.7 * first, backbone + ": loss " + first + " → " + last + " " + losses);
  }
}
