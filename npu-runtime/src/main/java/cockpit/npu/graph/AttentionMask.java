package cockpit.npu.graph;

import cockpit.npu.model.TextConfig;
import cockpit.npu.onnx.Attr;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.Value;
import java.util.List;

/**
 * Explicit causal GQA attention for the interop graph, from standard ops only: concatenates the
 * past KV, repeats KV heads for the query groups, masks keys after each query's position and keys
 * the attention mask excludes. Built once per graph; {@link #attend} once per attention layer.
 */
final class AttentionMask {
  private final GraphBuilder g;
  private final Value bias; // [B, 1, S, T]: 0 where allowed, -1e9 where masked

  AttentionMask(GraphBuilder g, Value attentionMask, Value seq) {
    this.g = g;
    Value total = g.op("Gather", List.of(Attr.i("axis", 0)), g.op("Shape", attentionMask), g.ints(1)); // [1]
    Value past = g.op("Sub", total, seq);
    Value zero = g.scalarInt(0);
    Value one = g.scalarInt(1);
    Value keys = g.op("Range", zero, g.op("Squeeze", total, g.ints(0)), one); // [T]
    Value queries = g.op("Range", g.op("Squeeze", past, g.ints(0)), g.op("Squeeze", total, g.ints(0)), one); // [S]
    Value causal = g.op("LessOrEqual", g.op("Unsqueeze", keys, g.ints(0)),
        g.op("Unsqueeze", queries, g.ints(1))); // [S, T]
    Value present = g.op("Cast", List.of(Attr.i("to", DType.BOOL.onnxId())),
        g.op("Unsqueeze", attentionMask, g.ints(1, 2))); // [B, 1, 1, T]
    Value allowed = g.op("And", g.op("Unsqueeze", causal, g.ints(0, 1)), present); // [B, 1, S, T]
    this.bias = g.op("Where", allowed, g.scalar(0f), g.scalar(-1e9f));
  }

  /**
   * @param q [B, S, nH, hd], k and v [B, S, nKV, hd] (after norm and RoPE)
   * @return the attention output [B·S, nH·hd]; declares present.{i}.key/value
   */
  Value attend(Value q, Value k, Value v, Value pastK, Value pastV, int layer, TextConfig cfg, Value batch,
      Value seq) {
    int nh = cfg.numAttentionHeads();
    int nkv = cfg.numKeyValueHeads();
    int hd = cfg.headDim();
    Value qt = g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1, 3)), q); // [B, nH, S, hd]
    Value kAll = g.op("Concat", List.of(Attr.i("axis", 2)), pastK,
        g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1, 3)), k)); // [B, nKV, T, hd]
    Value vAll = g.op("Concat", List.of(Attr.i("axis", 2)), pastV,
        g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1, 3)), v));
    g.output(kAll, "present." + layer + ".key", DType.FLOAT, "batch_size", nkv, "total_sequence_length", hd);
    g.output(vAll, "present." + layer + ".value", DType.FLOAT, "batch_size", nkv, "total_sequence_length", hd);
    Value kRep = repeatKv(new Value("present." + layer + ".key"), nh / nkv, nh, hd, batch);
    Value vRep = repeatKv(new Value("present." + layer + ".value"), nh / nkv, nh, hd, batch);
    Value scores = g.op("Mul", g.op("MatMul", qt, g.op("Transpose", List.of(Attr.ints("perm", 0, 1, 3, 2)), kRep)),
        g.scalar((float) (1.0 / Math.sqrt(hd)))); // [B, nH, S, T]
    Value probs = g.op("Softmax", List.of(Attr.i("axis", -1)), g.op("Add", scores, bias));
    Value ctx = g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1, 3)), g.op("MatMul", probs, vRep));
    return g.op("Reshape", ctx, g.ints(-1, (long) nh * hd)) ;
  }

  /** [B, nKV, T, hd] → [B, nH, T, hd], each KV head serving {@code groups} consecutive query heads. */
  private Value repeatKv(Value kv, int groups, int nh, int hd, Value batch) {
    if (groups == 1) {
      return kv;
    }
    Value shape = g.op("Shape", kv);
    Value t = g.op("Gather", List.of(Attr.i("axis", 0)), shape, g.ints(2));
    Value nkv = g.op("Gather", List.of(Attr.i("axis", 0)), shape, g.ints(1));
    Value expanded = g.op("Expand", g.op("Unsqueeze", kv, g.ints(2)),
        g.op("Concat", List.of(Attr.i("axis", 0)), batch, nkv, g.ints(groups), t, g.ints(hd)));
    return g.op("Reshape", expanded, g.op("Concat", List.of(Attr.i("axis", 0)), batch, g.ints(nh), t, g.ints(hd)));
  }
}
