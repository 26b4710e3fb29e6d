package cockpit.npu.model;

import cockpit.npu.onnx.TensorData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic weights from a config and a seed (MODEL.md "Generated weights"): tensor
 * {@code name} draws from {@code new SplittableRandom(seed ^ fnv1a64(name))} in row-major order, so a
 * tensor's values depend on neither the other tensors nor the chunk size it is generated in.
 * Initialisation by name: norm weights ({@code *norm*}, {@code *bn*}) 1 + 0.02·N(0,1), layer-scale
 * gamma 0.1 + 0.02·N, biases 0.02·N, {@code model.embed_tokens.weight} N, {@code vit.pos_embed}
 * 0.02·N, every other weight N/sqrt(fan_in). Stateless; {@link Values} streams are single-threaded.
 */
public final class WeightGenerator {
  /** Floats per chunk when streaming to a file (4 MiB). */
  static final int CHUNK = 1 << 20;

  private WeightGenerator() {}

  /** Every weight {@code config} needs (text decoder, vision encoder, connector), in a stable order. */
  public static List<TensorSpec> specs(ModelConfig config) {
    return WeightSpecs.all(config);
  }

  /** Total fp32 bytes of {@link #specs}. */
  public static long totalBytes(ModelConfig config) {
    return specs(config).stream().mapToLong(TensorSpec::bytes).sum();
  }

  /** The values of one tensor as a chunked stream. */
  public static Values values(TensorSpec spec, long seed) {
    return new Values(spec, seed);
  }

  /** One whole tensor (must fit an array). */
  public static float[] tensor(TensorSpec spec, long seed) {
    if (spec.elements() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("tensor " + spec + " is too large for one array; stream it with values()");
    }
    float[] out = new float[(int) spec.elements()];
    values(spec, seed).fill(out, 0, out.length);
    return out;
  }

  /** All weights of {@code config} in memory, seeded by {@code config.seed()} (tiny models, tests). */
  public static Weights generate(ModelConfig config) {
    Map<String, TensorData> map = new LinkedHashMap<>();
    for (TensorSpec s : specs(config)) {
      map.put(s.name(), TensorData.floats(s.shape(), tensor(s, config.seed())));
    }
    return Weights.of(map);
  }

  /**
   * Declares every tensor of {@code config} in {@code out} and streams their values in chunks,
   * reporting {@code ("weights", bytesWritten, totalBytes)} after each chunk.
   */
  public static void write(ModelConfig config, SafetensorsWriter out, ProgressListener progress) throws IOException {
    List<TensorSpec> specs = specs(config);
    for (TensorSpec s : specs) {
      out.declare(s.name(), SafetensorsDType.F32, s.shape());
    }
    float[] chunk = new float[CHUNK];
    for (TensorSpec s : specs) {
      Values v = values(s, config.seed());
      while (v.remaining() > 0) {
        int n = v.fill(chunk, 0, chunk.length);
        out.write(s.name(), chunk, 0, n);
        progress.progress("weights", out.writtenBytes(), out.totalBytes());
      }
    }
  }

  /** FNV-1a, 64 bit, over the UTF-8 bytes of {@code s}. */
  public static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The values of one tensor in row-major order, produced chunk by chunk. Not thread-safe. */
  public static final class Values {
    private final SplittableRandom random;
    private final double mean;
    private final double sigma;
    private long remaining;

    private Values(TensorSpec spec, long seed) {
      this.random = new SplittableRandom(seed ^ fnv1a64(spec.name()));
      this.remaining = spec.elements();
      String n = spec.name();
      if (n.endsWith(".bias")) {
        mean = 0;
        sigma = 0.02;
      } else if (n.endsWith("layer_scale.gamma")) {
        mean = 0.1;
        sigma = 0.02;
      } else if (isNorm(n)) {
        mean = 1;
        sigma = 0.02;
      } else if (n.equals("model.embed_tokens.weight")) {
        mean = 0;
        sigma = 1;
      } else if (n.equals("vit.pos_embed")) {
        mean = 0;
        sigma = 0.02;
      } else {
        mean = 0;
        sigma = 1 / Math.sqrt(spec.fanIn());
      }
    }

    private static boolean isNorm(String name) {
      for (String part : name.split("\\.")) {
        if (part.contains("norm") || part.startsWith("bn")) {
          return true;
        }
      }
      return false;
    }

    /** Values not produced yet. */
    public long remaining() {
      return remaining;
    }

    /** Writes the next {@code min(len, remaining())} values to {@code dst[off…]}; returns how many. */
    public int fill(float[] dst, int off, int len) {
      int n = (int) Math.min(len, remaining);
      for (int i = 0; i < n; i++) {
        dst[off + i] = (float) (mean + sigma * random.nextGaussian());
      }
      remaining -= n;
      return n;
    }
  }
}
