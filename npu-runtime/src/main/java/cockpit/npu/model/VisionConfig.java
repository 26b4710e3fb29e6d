package cockpit.npu.model;

import java.util.List;

/**
 * The vision part: an encoder producing {@code tokenGrid²} (256) visual tokens, and the
 * normalization-free 2-layer MLP connector (linear, GELU, linear) to the text hidden size.
 */
public sealed interface VisionConfig permits VisionConfig.MobileNet, VisionConfig.Vit {
  int imageSize();

  int tokenGrid();

  /** Width of the encoder's output tokens (the connector's input). */
  int featureDim();

  int projectorHiddenSize();

  default int tokens() {
    return tokenGrid() * tokenGrid();
  }

  /**
   * MobileNetV5-style: stem (3×3 s2 conv with bias, RMSNorm2d, GELU), stages of ER/UIR blocks, and a
   * Multi-Scale Fusion Adapter over the last two stages (nearest upsample, concat, 1×1 expand +
   * RMSNorm2d + GELU, 1×1 project + RMSNorm2d, average pool to the token grid, RMSNorm2d).
   */
  record MobileNet(int imageSize, int stemChannels, List<List<BlockSpec>> stages, int msfaHidden, int msfaOut,
      int tokenGrid, double normEps, int projectorHiddenSize) implements VisionConfig {
    public MobileNet {
      stages = stages.stream().map(List::copyOf).toList();
      if (stages.size() < 2) {
        throw new IllegalArgumentException("the MSFA needs at least two stages");
      }
      int res = imageSize / 2;
      for (List<BlockSpec> st : stages) {
        for (BlockSpec b : st) {
          res /= b.stride();
        }
      }
      int fused = res * 2;
      if (res <= 0 || fused % tokenGrid != 0 || imageSize % 32 != 0) {
        throw new IllegalArgumentException("image size " + imageSize + " gives a " + fused
            + "² MSFA grid that does not pool evenly to " + tokenGrid + "²");
      }
    }

    @Override
    public int featureDim() {
      return msfaOut;
    }

    /** Output channels of each stage. */
    public List<Integer> stageChannels() {
      return stages.stream().map(st -> st.get(st.size() - 1).outChannels()).toList();
    }
  }

  /**
   * The ViT baseline of the paper's comparison: patch embedding (patch = image / grid, with bias) plus
   * learned position embeddings, pre-norm transformer layers (LayerNorm, multi-head attention with
   * biases, GELU MLP), final LayerNorm: the same {@code tokenGrid²} tokens.
   */
  record Vit(int imageSize, int width, int layers, int heads, int mlpDim, int tokenGrid, double normEps,
      int projectorHiddenSize) implements VisionConfig {
    public Vit {
      if (imageSize % tokenGrid != 0 || width % heads != 0) {
        throw new IllegalArgumentException("ViT: image " + imageSize + " must divide into a " + tokenGrid
            + " grid and width " + width + " into " + heads + " heads");
      }
    }

    public int patch() {
      return imageSize / tokenGrid;
    }

    @Override
    public int featureDim() {
      return width;
    }
  }
}
