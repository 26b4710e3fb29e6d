package cockpit.npu.graph;

import cockpit.npu.onnx.Attr;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.Value;
import java.util.Collections;
import java.util.List;

/**
 * Causal GQA attention for the NPU graphs, standard ONNX ops only and every shape static (no
 * GroupQueryAttention, no Shape/Range): the past KV cache of fixed capacity comes in, only the K
 * new rows go out (the runtime writes them into its cache), and which keys each query may see is
 * an additive {@code attention_bias [1, 1, K, capacity + K]} input (0 allowed, −10000 masked) — the
 * static-graph convention of QNN LLM exports. Query heads sharing a KV head are stacked along the
 * query axis, so every tensor stays rank 4.
 */
final class StaticAttention {
  /** The masked-out bias: finite, so a 16-bit quantized mask keeps 0 exact. */
  static final float MASKED = -10000f;

  private StaticAttention() {}

  /**
   * @param q [1, K, nH, hd] after norm and RoPE
   * @param k [1, K, nKV, hd] after norm and RoPE
   * @param v [1, K, nKV, hd]
   * @return the attention output [K, nH·hd]
   */
  static Value attend(GraphBuilder g, int layer, Value q, Value k, Value v, Value bias, int nh, int nkv, int hd,
      int chunk, int capacity) {
    int group = nh / nkv;
    Value pastK = g.input("past_key_values." + layer + ".key", DType.FLOAT, 1, nkv, capacity, hd);
    Value pastV = g.input("past_key_values." + layer + ".value", DType.FLOAT, 1, nkv, capacity, hd);
    Value kt = g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1, 3)), k); // [1, nKV, K, hd]
    Value vt = g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1, 3)), v);
    g.output(kt, "present." + layer + ".key", DType.FLOAT, 1, nkv, chunk, hd);
    g.output(vt, "present." + layer + ".value", DType.FLOAT, 1, nkv, chunk, hd);
    Value keys = g.op("Concat", List.of(Attr.i("axis", 2)), pastK, kt); // [1, nKV, cap + K, hd]
    Value vals = g.op("Concat", List.of(Attr.i("axis", 2)), pastV, vt);
    Value qg = g.op("Reshape", g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1, 3)), q), g.ints(1, nkv, (long) group * chunk, hd)); // [1, nKV, group·K, hd]
    Value scores = g.op("Mul", g.op("MatMul", qg, g.op("Transpose", List.of(Attr.ints("perm", 0, 1, 3, 2)), keys)),
        g.scalar((float) (1 / Math.sqrt(hd)))); // [1, nKV, group·K, cap + K]
    Value b = group == 1 ? bias : g.op("Concat", List.of(Attr.i("axis", 2)),
        Collections.nCopies(group, bias).toArray(Value[]::new)); // [1, 1, group·K, cap + K]
    Value probs = g.op("Softmax", List.of(Attr.i("axis", -1)), g.op("Add", scores, b));
    Value ctx = g.op("MatMul", probs, vals); // [1, nKV, group·K, hd]
    Value heads = g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1, 3)),
        g.op("Reshape", ctx, g.ints(1, nh, chunk, hd))); // [1, K, nH, hd]
    return g.op("Reshape", heads, g.ints(chunk, (long) nh * hd));
  }
}
