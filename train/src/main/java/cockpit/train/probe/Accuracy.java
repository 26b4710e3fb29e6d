package cockpit.train.probe;

import java.util.List;

/**
 * Held-out read-out accuracy on labelled samples: occupant class over every seat slot, belt over the seats
 * that have one, eyes-on-road over the cabins with an adult driver.
 */
public record Accuracy(double seat, double belt, double eyes) {
  /** Accuracy of {@code logits} [n][OUTPUTS] against {@code samples}. */
  static Accuracy of(float[][] logits, List<CabinSample> samples) {
    int classes = CabinSamples.CLASSES;
    int slots = ReadOut.SLOTS;
    long seatOk = 0;
    long beltOk = 0;
    long beltN = 0;
    long eyesOk = 0;
    long eyesN = 0;
    for (int i = 0; i < samples.size(); i++) {
      float[] z = logits[i];
      CabinSample s = samples.get(i);
      for (int k = 0; k < slots; k++) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
          best = z[k * classes + c] > z[k * classes + best] ? c : best;
        }
        seatOk += best == s.seat()[k] ? 1 : 0;
        if (s.belt()[k] >= 0) {
          beltN++;
          beltOk += (z[slots * classes + k] > 0 ? 1 : 0) == s.belt()[k] ? 1 : 0;
        }
      }
      if (s.eyesOnRoad() >= 0) {
        eyesN++;
        eyesOk += (z[ReadOut.OUTPUTS - 1] > 0 ? 1 : 0) == s.eyesOnRoad() ? 1 : 0;
      }
    }
    return new Accuracy((double) seatOk / (samples.size() * slots), ratio(beltOk, beltN), ratio(eyesOk, eyesN));
  }

  /** What always answering the most frequent label scores on {@code samples}. */
  static Accuracy majority(List<CabinSample> samples) {
    long[] cls = new long[CabinSamples.CLASSES];
    long[] belt = new long[2];
    long[] eyes = new long[2];
    for (CabinSample s : samples) {
      for (int k = 0; k < ReadOut.SLOTS; k++) {
        cls[s.seat()[k]]++;
        if (s.belt()[k] >= 0) {
          belt[s.belt()[k]]++;
        }
      }
      if (s.eyesOnRoad() >= 0) {
        eyes[s.eyesOnRoad()]++;
      }
    }
    long maxCls = java.util.Arrays.stream(cls).max().orElse(0);
    return new Accuracy((double) maxCls / (samples.size() * ReadOut.SLOTS), ratio(Math.max(belt[0], belt[1]),
        belt[0] + belt[1]), ratio(Math.max(eyes[0], eyes[1]), eyes[0] + eyes[1]));
  }

  private static double ratio(long ok, long n) {
    return n == 0 ? Double.NaN : (double) ok / n;
  }
}
