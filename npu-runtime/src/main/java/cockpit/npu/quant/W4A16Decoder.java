package cockpit.npu.quant;

import cockpit.npu.graph.DecoderGraph;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.Attr;
import cockpit.npu.onnx.ExternalData;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.ModelWriter;
import cockpit.npu.onnx.Value;
import cockpit.npu.onnx.proto.AttributeProto;
import cockpit.npu.onnx.proto.NodeProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W4A16 language model: the fixed-capacity decoder graphs with every projection
 * ({@code Gemm(transB=1)} over a {@code model.layers.*} weight: conv in/out, q/k/v/o, FFN w1/w2/w3)
 * replaced by a 4-bit symmetric {@link MatMulNBits} (activations stay float). Explicit choices:
 * the <b>embedding table stays fp32</b> (the runtime gathers rows of {@code model.safetensors}; a
 * lookup costs no compute and reads one row per token), and the <b>tied lm_head</b> is 4-bit too
 * unless {@link Options#lmHead4Bit} is off (it is the largest matrix: 65536 × H). Norm weights,
 * the conv kernel and the RoPE tables stay fp32. Files: {@link ModelVariant#W4A16}.
 */
public final class W4A16Decoder {
  /**
   * @param blockSize 32 or 64 (MatMulNBits block along K)
   * @param accuracyLevel 0 (fp32 compute) or 4 (int8 activations inside the kernel, faster)
   * @param lmHead4Bit quantize the tied lm_head as well
   */
  public record Options(int blockSize, int accuracyLevel, boolean lmHead4Bit) {
    public Options {
      if (blockSize != 32 && blockSize != 64) {
        throw new IllegalArgumentException("W4A16 block size must be 32 or 64, got " + blockSize);
      }
      if (accuracyLevel != 0 && accuracyLevel != 4) {
        throw new IllegalArgumentException("accuracy level must be 0 or 4, got " + accuracyLevel);
      }
    }

    public static Options defaults() {
      return new Options(32, 0, true);
    }
  }

  private static final String LM_HEAD = "model.embed_tokens.weight";
  private final Weights weights;
  private final Options options;
  private final Map<String, MatMulNBits> packed = new HashMap<>();

  public W4A16Decoder(Weights weights, Options options) {
    this.weights = weights;
    this.options = options;
  }

  /** Writes the variant's prefill ({@code chunk}) and decode graphs into {@code onnxDir}. */
  public static void write(ModelConfig cfg, Weights w, Path onnxDir, int chunk, Options options)
      throws IOException {
    Files.createDirectories(onnxDir);
    W4A16Decoder q = new W4A16Decoder(w, options);
    ModelVariant v = ModelVariant.W4A16;
    Map<String, String> meta = Map.of("profile", cfg.profile(), "seed", Long.toString(cfg.seed()), "variant", v.id(),
        "block_size", Integer.toString(options.blockSize()), "lm_head", options.lmHead4Bit() ? "int4" : "fp32",
        "prefill_chunk", Integer.toString(chunk), "context_length", Integer.toString(cfg.contextLength()));
    try (ExternalData data = new ExternalData(onnxDir.resolve(v.dataFile()))) {
      ModelWriter.write(q.rewrite(DecoderGraph.fixed(cfg.text(), w, chunk, cfg.contextLength())),
          onnxDir.resolve(v.prefillFile()), data, meta);
      ModelWriter.write(q.rewrite(DecoderGraph.fixed(cfg.text(), w, 1, cfg.contextLength())),
          onnxDir.resolve(v.decodeFile()), data, meta);
    }
  }

  /** Replaces the eligible Gemm nodes of {@code g} in place; returns {@code g}. */
  public GraphBuilder rewrite(GraphBuilder g) {
    List<NodeProto> out = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    for (NodeProto n : g.nodes()) {
      String weight = n.getInputCount() >= 2 ? n.getInput(1) : "";
      if (n.getOpType().equals("Gemm") && n.getInputCount() == 2 && transB(n) && eligible(weight)
          && g.initializers().containsKey(weight)) {
        MatMulNBits m = packed.computeIfAbsent(weight, this::pack);
        Value b = present(g, weight + ".q4", m.bTensor());
        Value s = present(g, weight + ".scales", m.scalesTensor());
        List<AttributeProto> attrs = new ArrayList<>(List.of(Attr.i("K", m.k()), Attr.i("N", m.n()),
            Attr.i("bits", MatMulNBits.BITS), Attr.i("block_size", m.blockSize())));
        if (options.accuracyLevel() != 0) {
          attrs.add(Attr.i("accuracy_level", options.accuracyLevel()));
        }
        out.add(NodeProto.newBuilder().setOpType("MatMulNBits").setDomain(GraphBuilder.MS_DOMAIN)
            .setName(n.getName() + "_q4").addInput(n.getInput(0)).addInput(b.name()).addInput(s.name())
            .addAllOutput(n.getOutputList()).addAllAttribute(attrs).build());
        replaced.add(weight);
      } else {
        out.add(n);
      }
    }
    g.replaceNodes(out);
    for (String w : replaced) {
      boolean stillRead = out.stream().anyMatch(n -> n.getInputList().contains(w));
      if (!stillRead && g.initializers().containsKey(w)) {
        g.removeInitializer(w);
      }
    }
    return g;
  }

  /**
   * The weights as the W4A16 kernels see them: every weight {@link #rewrite} quantizes replaced by
   * its 4-bit dequantized values, the rest unchanged (the fp32 embedding rows the runtime gathers
   * stay exact even when the tied lm_head is 4-bit, so this view is for the graph side only).
   * Running the float graphs over it isolates weight error from everything else.
   */
  public Weights dequantizedView() {
    Map<String, cockpit.npu.onnx.TensorData> out = new HashMap<>();
    for (String n : weights.names()) {
      out.put(n, eligible(n) && weights.shape(n).length == 2 ? cockpit.npu.onnx.TensorData.floats(weights.shape(n),
          packed.computeIfAbsent(n, this::pack).dequantize()) : weights.get(n));
    }
    return Weights.of(out);
  }

  /** Per quantized matrix, its weight SQNR/RMS error against fp32 (after {@link #rewrite} ran). */
  public Map<String, ErrorStats> weightErrors() {
    Map<String, ErrorStats> out = new java.util.TreeMap<>();
    packed.forEach((n, m) -> out.put(n, ErrorStats.of(Quantizer.floats(weights.get(n)), m.dequantize())));
    return out;
  }

  /** Bytes of the 4-bit weights written so far (packed + scales). */
  public long quantizedBytes() {
    return packed.values().stream().mapToLong(MatMulNBits::storedBytes).sum();
  }

  private boolean eligible(String weight) {
    return weight.startsWith("model.layers.") || (options.lmHead4Bit() && weight.equals(LM_HEAD));
  }

  private MatMulNBits pack(String weight) {
    var t = weights.get(weight);
    long[] d = t.dims();
    return MatMulNBits.pack(Quantizer.floats(t), Math.toIntExact(d[0]), Math.toIntExact(d[1]), options.blockSize());
  }

  private static Value present(GraphBuilder g, String name, cockpit.npu.onnx.TensorData data) {
    return g.initializers().containsKey(name) ? new Value(name) : g.initializer(name, data);
  }

  private static boolean transB(NodeProto n) {
    return n.getAttributeList().stream().anyMatch(a -> a.getName().equals("transB") && a.getI() == 1);
  }
}
