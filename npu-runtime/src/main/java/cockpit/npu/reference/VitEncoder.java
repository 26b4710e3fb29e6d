package cockpit.npu.reference;

import cockpit.npu.model.VisionConfig;
import cockpit.npu.model.Weights;

/**
 * The ViT baseline of MODEL.md: patch conv with bias, learned position embeddings, pre-norm layers
 * (LayerNorm, full multi-head attention with biases, GELU-erf MLP), final LayerNorm. Immutable.
 */
final class VitEncoder implements TokenEncoder {
  private record Layer(float[] norm1W, float[] norm1B, float[] qkvW, float[] qkvB, float[] projW, float[] projB,
      float[] norm2W, float[] norm2B, float[] fc1W, float[] fc1B, float[] fc2W, float[] fc2B) {}

  private final VisionConfig.Vit cfg;
  private final float[] patchW; // [W, 3, p, p]
  private final float[] patchB;
  private final float[] pos; // [256, W]
  private final Layer[] layers;
  private final float[] normW;
  private final float[] normB;

  VitEncoder(VisionConfig.Vit cfg, Weights w) {
    this.cfg = cfg;
    int d = cfg.width();
    int m = cfg.mlpDim();
    int p = cfg.patch();
    patchW = Ops.load(w, "vit.patch_embed.weight", d, 3, p, p);
    patchB = Ops.load(w, "vit.patch_embed.bias", d);
    pos = Ops.load(w, "vit.pos_embed", cfg.tokens(), d);
    layers = new Layer[cfg.layers()];
    for (int l = 0; l < layers.length; l++) {
      String n = "vit.layers." + l + ".";
      layers[l] = new Layer(Ops.load(w, n + "norm1.weight", d), Ops.load(w, n + "norm1.bias", d),
          Ops.load(w, n + "attn.qkv.weight", 3L * d, d), Ops.load(w, n + "attn.qkv.bias", 3L * d),
          Ops.load(w, n + "attn.proj.weight", d, d), Ops.load(w, n + "attn.proj.bias", d),
          Ops.load(w, n + "norm2.weight", d), Ops.load(w, n + "norm2.bias", d),
          Ops.load(w, n + "mlp.fc1.weight", m, d), Ops.load(w, n + "mlp.fc1.bias", m),
          Ops.load(w, n + "mlp.fc2.weight", d, m), Ops.load(w, n + "mlp.fc2.bias", d));
    }
    normW = Ops.load(w, "vit.norm.weight", d);
    normB = Ops.load(w, "vit.norm.bias", d);
  }

  @Override
  public float[][] tokens(float[] pixels) {
    int s = cfg.imageSize();
    if (pixels.length != 3 * s * s) {
      throw new IllegalArgumentException("pixels hold " + pixels.length + " floats, expected [3, " + s + ", " + s + "]");
    }
    int d = cfg.width();
    int p = cfg.patch();
    // stride = kernel = p divides S, so 'same' padding adds nothing: a plain patch embedding
    float[][] x = new FeatureMap(3, s, s, pixels.clone()).conv(patchW, d, p, p, false, patchB).tokens();
    for (int t = 0; t < x.length; t++) {
      for (int c = 0; c < d; c++) {
        x[t][c] += pos[t * d + c];
      }
    }
    double eps = cfg.normEps();
    for (Layer l : layers) {
      float[][] a = new float[x.length][];
      for (int t = 0; t < x.length; t++) {
        a[t] = Ops.layerNorm(x[t], l.norm1W, l.norm1B, eps);
      }
      float[][] att = attention(l, a);
      for (int t = 0; t < x.length; t++) {
        add(x[t], Ops.linear(l.projW, l.projB, att[t]));
        float[] h = Ops.linear(l.fc1W, l.fc1B, Ops.layerNorm(x[t], l.norm2W, l.norm2B, eps));
        for (int j = 0; j < h.length; j++) {
          h[j] = Ops.geluErf(h[j]);
        }
        add(x[t], Ops.linear(l.fc2W, l.fc2B, h));
      }
    }
    for (int t = 0; t < x.length; t++) {
      x[t] = Ops.layerNorm(x[t], normW, normB, eps);
    }
    return x;
  }

  /** Full softmax attention over all tokens; returns the concatenated heads before proj, [N][W]. */
  private float[][] attention(Layer l, float[][] a) {
    int n = a.length;
    int d = cfg.width();
    int hd = d / cfg.heads();
    float[][] qkv = new float[n][];
    for (int t = 0; t < n; t++) {
      qkv[t] = Ops.linear(l.qkvW, l.qkvB, a[t]); // [q | k | v], each W = heads · hd
    }
    double scale = 1 / Math.sqrt(hd);
    double[] scores = new double[n];
    float[][] out = new float[n][d];
    for (int t = 0; t < n; t++) {
      for (int h = 0; h < cfg.heads(); h++) {
        int q = h * hd;
        int k = d + h * hd;
        int v = 2 * d + h * hd;
        for (int u = 0; u < n; u++) {
          double s = 0;
          for (int j = 0; j < hd; j++) {
            s += (double) qkv[t][q + j] * qkv[u][k + j];
          }
          scores[u] = s * scale;
        }
        Ops.softmax(scores, n);
        for (int j = 0; j < hd; j++) {
          double s = 0;
          for (int u = 0; u < n; u++) {
            s += scores[u] * qkv[u][v + j];
          }
          out[t][h * hd + j] = (float) s;
        }
      }
    }
    return out;
  }

  private static void add(float[] acc, float[] d) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += d[i];
    }
  }
}
