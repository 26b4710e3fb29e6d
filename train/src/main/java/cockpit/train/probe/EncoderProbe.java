package cockpit.train.probe;

import cockpit.npu.model.BlockSpec;
import cockpit.npu.model.Profile;
import cockpit.npu.model.VisionConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command: runs one probe and prints JSON lines (one per evaluation, plus a summary). Arguments are
 * {@code key=value}: {@code model=encoder|cnn}, {@code size=256}, {@code steps=300}, {@code batch=16},
 * {@code lr=0.002}, {@code warmup=20}, {@code seed=1}, {@code train=4000}, {@code val=256},
 * {@code eval=50}; encoder only: {@code stem=8} (stem channels), {@code width=1} (block width
 * multiplier), {@code grid=16} (token grid), {@code gamma=0.1} (layer-scale init),
 * {@code stembias=0.02} (stem bias init std); cnn only: {@code cnnwidth=64}. Defaults are today's
 * {@code tiny} encoder and its generated initialisation.
 */
public final class EncoderProbe {
  private EncoderProbe() {}

  public static void main(String[] args) {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("argument '" + arg + "' is not key=value");
      }
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int size = Integer.parseInt(a.getOrDefault("size", "256"));
    Backbone backbone = switch (a.getOrDefault("model", "encoder")) {
      case "encoder" -> new Backbone.Encoder(vision(size, Integer.parseInt(a.getOrDefault("stem", "8")),
          Double.parseDouble(a.getOrDefault("width", "1")), Integer.parseInt(a.getOrDefault("grid", "16"))),
          Double.parseDouble(a.getOrDefault("gamma", "0.1")), Double.parseDouble(a.getOrDefault("stembias", "0.02")));
      case "cnn" -> new Backbone.Cnn(size, Integer.parseInt(a.getOrDefault("cnnwidth", "64")));
      default -> throw new IllegalArgumentException("model must be encoder or cnn");
    };
    ProbeOptions o = new ProbeOptions(backbone, size, Integer.parseInt(a.getOrDefault("steps", "300")),
        Integer.parseInt(a.getOrDefault("batch", "16")), Double.parseDouble(a.getOrDefault("lr", "0.002")),
        Integer.parseInt(a.getOrDefault("warmup", "20")), Long.parseLong(a.getOrDefault("seed", "1")),
        Integer.parseInt(a.getOrDefault("train", "4000")), Integer.parseInt(a.getOrDefault("val", "256")),
        Integer.parseInt(a.getOrDefault("eval", "50")));
    Probe probe = new Probe(o);
    Accuracy maj = probe.majority();
    System.out.printf(Locale.ROOT, "{\"args\":\"%s\",\"backbone\":\"%s\",\"majority\":{\"seat\":%.3f,\"belt\":%.3f,"
        + "\"eyes\":%.3f},\"initial_spread\":%.4f}%n", String.join(" ", args), backbone, maj.seat(), maj.belt(),
        maj.eyes(), probe.initialSpread());
    double[] sums = new double[3]; // loss, compute s, data s since the last evaluation
    int[] n = new int[1];
    probe.run(new Probe.Listener() {
      @Override
      public void step(int step, double loss, double gradNorm, double computeS, double dataS) {
        sums[0] += loss;
        sums[1] += computeS;
        sums[2] += dataS;
        n[0]++;
      }

      @Override
      public void eval(int step, Accuracy acc) {
        System.out.printf(Locale.ROOT, "{\"step\":%d,\"loss\":%.4f,\"s_per_step\":%.3f,\"data_s_per_step\":%.3f,"
            + "\"seat\":%.3f,\"belt\":%.3f,\"eyes\":%.3f}%n", step, sums[0] / n[0], sums[1] / n[0], sums[2] / n[0],
            acc.seat(), acc.belt(), acc.eyes());
        java.util.Arrays.fill(sums, 0);
        n[0] = 0;
      }
    });
  }

  /**
   * Today's tiny encoder at {@code size}² with {@code stem} stem channels, block widths × {@code width}
   * (rounded to multiples of 8) and a {@code grid}² token grid.
   */
  static VisionConfig.MobileNet vision(int size, int stem, double width, int grid) {
    VisionConfig.MobileNet t = Profile.TINY.vision();
    List<List<BlockSpec>> stages = t.stages().stream().map(st -> st.stream().map(b -> new BlockSpec(b.kind(),
        b.startKernel(), b.kernel(), b.stride(), b.expansion(), Math.max(8, (int) Math.round(b.outChannels() * width
            / 8) * 8))).toList()).toList();
    int msfa = Math.max(8, (int) Math.round(t.msfaOut() * width / 8) * 8);
    return new VisionConfig.MobileNet(size, stem, stages, Math.max(8, (int) Math.round(t.msfaHidden() * width / 8) * 8),
        msfa, grid, t.normEps(), t.projectorHiddenSize());
  }
}
