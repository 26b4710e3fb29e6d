package cockpit.npu.model;

import java.util.List;
import java.util.Objects;

/**
 * The language-model part of a model: LFM2 hyper-parameters under their Hugging Face names
 * ({@code Lfm2Config}). {@link #ffnDim()} applies LFM2's FFN width rule to the raw keys.
 *
 * @param layerTypes per layer, {@code "conv"} or {@code "full_attention"}
 * @param intermediateSize {@code block_ff_dim} if present, else {@code intermediate_size}
 * @param blockFfnDimMultiplier null when absent
 */
public record TextConfig(
    int vocabSize,
    int hiddenSize,
    int numHiddenLayers,
    List<String> layerTypes,
    int convLCache,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    int intermediateSize,
    boolean blockAutoAdjustFfDim,
    Double blockFfnDimMultiplier,
    int blockMultipleOf,
    double normEps,
    double ropeTheta,
    boolean tieWordEmbeddings,
    int maxPositionEmbeddings) {
  public static final String CONV = "conv";
  public static final String ATTENTION = "full_attention";

  public TextConfig {
    layerTypes = List.copyOf(layerTypes);
    if (layerTypes.size() != numHiddenLayers) {
      throw new IllegalArgumentException("layer_types has " + layerTypes.size() + " entries but num_hidden_layers is "
          + numHiddenLayers);
    }
    for (String t : layerTypes) {
      if (!CONV.equals(t) && !ATTENTION.equals(t)) {
        throw new IllegalArgumentException("layer type '" + t + "' is neither conv nor full_attention");
      }
    }
    positive("vocab_size", vocabSize);
    positive("hidden_size", hiddenSize);
    positive("num_attention_heads", numAttentionHeads);
    positive("num_key_value_heads", numKeyValueHeads);
    positive("head_dim", headDim);
    positive("conv_L_cache", convLCache);
    positive("intermediate_size/block_ff_dim", intermediateSize);
    positive("block_multiple_of", blockMultipleOf);
    if (numAttentionHeads % numKeyValueHeads != 0) {
      throw new IllegalArgumentException("num_attention_heads " + numAttentionHeads
          + " is not a multiple of num_key_value_heads " + numKeyValueHeads);
    }
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("head_dim " + headDim + " must be even for rotate-half RoPE");
    }
    Objects.requireNonNull(layerTypes);
  }

  private static void positive(String key, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(key + " must be positive, got " + v);
    }
  }

  /** LFM2's FFN width: 2/3 when auto-adjusting, times the multiplier, rounded up to block_multiple_of. */
  public int ffnDim() {
    int ff = intermediateSize;
    if (blockAutoAdjustFfDim) {
      ff = (int) (2 * ff / 3.0);
      if (blockFfnDimMultiplier != null) {
        ff = (int) (blockFfnDimMultiplier * ff);
      }
      ff = blockMultipleOf * ((ff + blockMultipleOf - 1) / blockMultipleOf);
    }
    return ff;
  }

  public boolean isAttention(int layer) {
    return ATTENTION.equals(layerTypes.get(layer));
  }

  /** Absolute indices of the attention layers. */
  public List<Integer> attentionLayers() {
    return java.util.stream.IntStream.range(0, numHiddenLayers).filter(this::isAttention).boxed().toList();
  }

  /** Absolute indices of the conv layers. */
  public List<Integer> convLayers() {
    return java.util.stream.IntStream.range(0, numHiddenLayers).filter(i -> !isAttention(i)).boxed().toList();
  }

  /** The same model with every layer attention: the all-attention baseline of equal size. */
  public TextConfig allAttention() {
    return new TextConfig(vocabSize, hiddenSize, numHiddenLayers,
        java.util.Collections.nCopies(numHiddenLayers, ATTENTION), convLCache, numAttentionHeads, numKeyValueHeads,
        headDim, intermediateSize, blockAutoAdjustFfDim, blockFfnDimMultiplier, blockMultipleOf, normEps, ropeTheta,
        tieWordEmbeddings, maxPositionEmbeddings);
  }

  /** Bytes of per-session state in fp32 at {@code context} tokens: conv columns plus KV rows. */
  public long stateBytes(int context) {
    long conv = (long) convLayers().size() * hiddenSize * convLCache;
    long kv = (long) attentionLayers().size() * 2L * numKeyValueHeads * context * headDim;
    return 4L * (conv + kv);
  }
}
