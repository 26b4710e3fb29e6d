package cockpit.npu.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MobileNetV5-style block, written in timm's style plus the output width:
 * {@code er_k3_s2_e4_c128} (edge residual: k×k expansion conv, 1×1 projection) or
 * {@code uir_a3_k5_s2_e6_c256} (universal inverted residual: optional a×a depthwise start, 1×1
 * expansion, optional k×k depthwise mid, 1×1 projection, layer scale). {@code s} defaults to 1.
 *
 * @param startKernel UIR depthwise start kernel (0: absent); ER: unused (0)
 * @param kernel ER expansion kernel, or UIR depthwise mid kernel (0: absent)
 */
public record BlockSpec(Kind kind, int startKernel, int kernel, int stride, double expansion, int outChannels) {
  /** Block families. */
  public enum Kind {
    ER, UIR
  }

  private static final Pattern SPEC = Pattern.compile(
      "(er|uir)(?:_a(\\d+))?_k(\\d+)(?:_s(\\d+))?_e(\\d+(?:\\.\\d+)?)_c(\\d+)");

  public BlockSpec {
    if (stride != 1 && stride != 2) {
      throw new IllegalArgumentException("block stride must be 1 or 2, got " + stride);
    }
    if (kind == Kind.ER && kernel <= 0) {
      throw new IllegalArgumentException("an ER block needs a kernel");
    }
    if (kind == Kind.UIR && stride == 2 && kernel == 0 && startKernel == 0) {
      throw new IllegalArgumentException("a strided UIR block needs a depthwise conv (a or k > 0)");
    }
    if (expansion <= 0 || outChannels <= 0) {
      throw new IllegalArgumentException("expansion and output channels must be positive");
    }
  }

  public static BlockSpec parse(String spec) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new IllegalArgumentException("block spec '" + spec + "' is not like er_k3_s2_e4_c128 or uir_a3_k5_s2_e6_c256");
    }
    Kind kind = m.group(1).equals("er") ? Kind.ER : Kind.UIR;
    if (kind == Kind.ER && m.group(2) != null) {
      throw new IllegalArgumentException("block spec '" + spec + "': ER blocks take no a (start kernel)");
    }
    return new BlockSpec(kind, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
        m.group(4) == null ? 1 : Integer.parseInt(m.group(4)), Double.parseDouble(m.group(5)),
        Integer.parseInt(m.group(6)));
  }

  /** Expanded width from {@code in} channels: make_divisible(in·e, 8) as timm does. */
  public int midChannels(int in) {
    return makeDivisible(in * expansion, 8);
  }

  static int makeDivisible(double v, int divisor) {
    int n = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
    if (n < 0.9 * v) {
      n += divisor;
    }
    return n;
  }

  @Override
  public String toString() {
    String e = expansion == Math.rint(expansion) ? Integer.toString((int) expansion) : Double.toString(expansion);
    return (kind == Kind.ER ? "er" : "uir_a" + startKernel) + "_k" + kernel + (stride == 2 ? "_s2" : "") + "_e" + e
        + "_c" + outChannels;
  }
}
