package cockpit.npu.deploy;

import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.TextConfig;

/**
 * Roofline estimates on an {@link NpuSpec}: time-to-first-token for one image plus a prompt, and
 * decode tokens/s at a context length. Bytes moved per step: weights once per run (vision int8:
 * 1 B/param; decoder int4 with an fp16 scale per 32: 0.5625 B/param), the KV cache read (uint16,
 * 2 B per value) and the conv state; activations are assumed to stay in on-chip memory (TCM). The
 * prompt is prefilled in chunks of {@code chunk} tokens (the NPU graph), so weights are read once
 * per chunk. Stateless.
 */
public final class CostModel {
  /** Decoder weight bytes per parameter: 4 bits + one fp16 scale per 32 weights. */
  public static final double W4_BYTES = 0.5 + 2.0 / 32;
  /** Vision weight bytes per parameter (int8). */
  public static final double W8_BYTES = 1;
  /** KV-cache and state bytes per value (16-bit activations). */
  public static final double A16_BYTES = 2;

  /** One estimate: milliseconds and tokens per second, with the FLOPs and bytes behind them. */
  public record Estimate(double visionMs, double prefillMs, double ttftMs, double decodeTokS, double visionGflops,
      double prefillGflops, double decodeGbPerToken) {}

  private final NpuSpec npu;
  private final int chunk;

  public CostModel(NpuSpec npu, int chunk) {
    if (chunk <= 0) {
      throw new IllegalArgumentException("prefill chunk must be positive, got " + chunk);
    }
    this.npu = npu;
    this.chunk = chunk;
  }

  /**
   * TTFT of one {@code imageSize}² image (its tokens enter the prompt) plus {@code promptTokens} text
   * tokens, and decode speed at {@code context} tokens already in the cache.
   */
  public Estimate estimate(ModelConfig m, int imageSize, int promptTokens, int context) {
    TextConfig t = m.text();
    double visionS = 0;
    double visionFlops = 0;
    int imageTokens = 0;
    if (m.hasVision()) {
      GraphCost.Vision v = GraphCost.vision(m.vision(), t.hiddenSize(), imageSize);
      visionFlops = v.flops();
      visionS = npu.seconds(v.flops(), v.params() * W8_BYTES);
      imageTokens = m.vision().tokens();
    }
    int tokens = imageTokens + promptTokens;
    double prefillS = 0;
    double prefillFlops = 0;
    for (int done = 0; done < tokens; done += chunk) {
      int n = Math.min(chunk, tokens - done);
      double f = GraphCost.decoderFlops(t, chunk, done); // a padded chunk costs a full one
      prefillFlops += GraphCost.decoderFlops(t, n, done);
      prefillS += npu.seconds(f, weightBytes(t) + cacheBytes(t, done));
    }
    double stepBytes = weightBytes(t) + cacheBytes(t, context);
    double decodeS = npu.seconds(GraphCost.decoderFlops(t, 1, context), stepBytes);
    return new Estimate(visionS * 1e3, prefillS * 1e3, (visionS + prefillS) * 1e3, 1 / decodeS, visionFlops / 1e9,
        prefillFlops / 1e9, stepBytes / 1e9);
  }

  /** Decoder weights read per run (projections and lm_head; the embedding row is negligible). */
  static double weightBytes(TextConfig t) {
    GraphCost.Decoder d = GraphCost.decoder(t);
    return (d.layerParams() + d.lmHeadParams()) * W4_BYTES;
  }

  /** KV rows of {@code context} positions plus the conv states, read once per run. */
  static double cacheBytes(TextConfig t, int context) {
    double kv = 2.0 * t.attentionLayers().size() * context * t.numKeyValueHeads() * t.headDim();
    double conv = (double) t.convLayers().size() * t.hiddenSize() * t.convLCache();
    return (kv + conv) * A16_BYTES;
  }
}
