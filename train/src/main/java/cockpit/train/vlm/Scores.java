package cockpit.train.vlm;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy counters of an evaluation: per task, per field (correct / total), whole-answer exact
 * matches and JSON validity; per safety signal, the confusion counts (false negatives are the
 * misses that matter). Mutable; one thread.
 */
public final class Scores {
  /** Correct out of total. */
  public static final class Count {
    private long correct;
    private long total;

    void add(boolean ok) {
      total++;
      correct += ok ? 1 : 0;
    }

    public long correct() {
      return correct;
    }

    public long total() {
      return total;
    }

    public double rate() {
      return total == 0 ? Double.NaN : (double) correct / total;
    }
  }

  /** Confusion counts of a yes/no safety signal (positive = the event the alert is for). */
  public static final class Safety {
    private long tp;
    private long fp;
    private long tn;
    private long fn;

    void add(boolean truth, boolean predicted) {
      if (truth) {
        tp += predicted ? 1 : 0;
        fn += predicted ? 0 : 1;
      } else {
        fp += predicted ? 1 : 0;
        tn += predicted ? 0 : 1;
      }
    }

    /** Misses among the real events. */
    public double falseNegativeRate() {
      return tp + fn == 0 ? Double.NaN : (double) fn / (tp + fn);
    }

    /** False alarms among the non-events. */
    public double falsePositiveRate() {
      return fp + tn == 0 ? Double.NaN : (double) fp / (fp + tn);
    }

    public long positives() {
      return tp + fn;
    }

    public long negatives() {
      return fp + tn;
    }
  }

  private final Map<String, Map<String, Count>> fields = new TreeMap<>();
  private final Map<String, Safety> safety = new TreeMap<>();

  /** One field judgement for {@code task} ({@code exact} and {@code json_valid} are fields too). */
  public void field(String task, String field, boolean ok) {
    fields.computeIfAbsent(task, k -> new TreeMap<>()).computeIfAbsent(field, k -> new Count()).add(ok);
  }

  /** One safety judgement. */
  public void safety(String signal, boolean truth, boolean predicted) {
    safety.computeIfAbsent(signal, k -> new Safety()).add(truth, predicted);
  }

  public Map<String, Map<String, Count>> fields() {
    return fields;
  }

  public Map<String, Safety> safety() {
    return safety;
  }

  /** The lowest field accuracy of {@code task} (NaN when it has none). */
  public double worst(String task) {
    return fields.getOrDefault(task, Map.of()).values().stream().mapToDouble(Count::rate).min().orElse(Double.NaN);
  }

  /** A rate for JSON: four decimals, or null when undefined (no cases). */
  private static String number(double v) {
    return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** All counters as one JSON object (a rate with no cases is null). */
  public String toJson() {
    StringBuilder s = new StringBuilder("{\"tasks\":{");
    String sep = "";
    for (var t : fields.entrySet()) {
      s.append(sep).append('"').append(t.getKey()).append("\":{");
      sep = ",";
      String fs = "";
      for (var f : t.getValue().entrySet()) {
        s.append(fs).append(String.format(Locale.ROOT, "\"%s\":{\"acc\":%s,\"n\":%d}", f.getKey(),
            number(f.getValue().rate()), f.getValue().total()));
        fs = ",";
      }
      s.append('}');
    }
    s.append("},\"safety\":{");
    sep = "";
    for (var e : safety.entrySet()) {
      Safety x = e.getValue();
      s.append(sep).append(String.format(Locale.ROOT, "\"%s\":{\"fnr\":%s,\"fpr\":%s,\"pos\":%d,\"neg\":%d}",
          e.getKey(), number(x.falseNegativeRate()), number(x.falsePositiveRate()), x.positives(), x.negatives()));
      sep = ",";
    }
    return s.append("}}").toString();
  }
}
