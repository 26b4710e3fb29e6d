package cockpit.npu.model;

/**
 * A whole AutoNeural-style model: the LFM2 text decoder, the vision encoder with its connector
 * (null for a text-only LFM2 checkpoint), special-token ids, the context the runtime serves, and
 * where it came from. Written to and read from {@code config.json} by {@link ConfigJson}.
 *
 * @param profile {@code tiny}, {@code small}, {@code full}, or {@code converted}
 * @param seed the generation seed, or -1 for converted weights
 * @param contextLength the runtime's KV capacity (4096), at most max_position_embeddings
 */
public record ModelConfig(TextConfig text, VisionConfig vision, SpecialTokens tokens, String profile, long seed,
    int contextLength) {
  public ModelConfig {
    if (tokens.maxId() >= text.vocabSize()) {
      throw new IllegalArgumentException("special token id " + tokens.maxId() + " is outside vocab_size "
          + text.vocabSize());
    }
    if (contextLength <= 0 || contextLength > text.maxPositionEmbeddings()) {
      throw new IllegalArgumentException("context length " + contextLength + " must be in 1.."
          + text.maxPositionEmbeddings());
    }
    if (vision != null && vision.projectorHiddenSize() <= 0) {
      throw new IllegalArgumentException("projector_hidden_size must be positive");
    }
  }

  public boolean hasVision() {
    return vision != null;
  }

  /** This model with every decoder layer attention and a ViT of matching size: the paper's baseline. */
  public ModelConfig baseline(VisionConfig vit) {
    return new ModelConfig(text.allAttention(), vit, tokens, profile + "-baseline", seed, contextLength);
  }
}
