package cockpit.npu.model;

import java.util.Collections;
import java.util.List;

/**
 * Generation profiles. Every profile keeps LFM2's layout: 16 layers, attention at 2, 5, 8, 10, 12,
 * 14, conv elsewhere, kernel 3, RoPE θ 1e6, eps 1e-5, tied embeddings, context 4096.
 *
 * <ul>
 *   <li>{@code tiny}: hidden 64, 4 heads / 2 KV of 16, vocab 512, 256² image; fast enough for every test.
 *   <li>{@code mini}: the model the project trains itself on this machine kind (module {@code train/},
 *       whose README has the arithmetic): hidden 128, 4 heads / 2 KV of 32, block_ff_dim 576 → 384,
 *       vocab 2048 (the project's BPE), a 128² image read by a tiny-like encoder with a 32-channel stem
 *       (the encoder probe: 8 stem channels do not learn) and an 8×8 MSFA grid: 64 image tokens.
 *   <li>{@code small}: LFM2-350M text dims (1024, 16/8 heads of 64, block_ff_dim 6656 → 4608, vocab
 *       65536), a MobileNetV5-base-like encoder at 512².
 *   <li>{@code full}: LFM2-1.2B text dims (2048, 32/8 heads, 12288 → 8192, vocab 65536), a
 *       MobileNetV5-300M-like encoder (ER/UIR stages, 1280 channels, MSFA 1920 → 3840 → 2048) at 768².
 * </ul>
 */
public enum Profile {
  TINY, MINI, SMALL, FULL;

  static final List<Integer> ATTENTION_LAYERS = List.of(2, 5, 8, 10, 12, 14);

  public static Profile parse(String s) {
    try {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown profile '" + s + "'; use tiny, mini, small or full");
    }
  }

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static List<String> lfm2LayerTypes() {
    List<String> t = new java.util.ArrayList<>(Collections.nCopies(16, TextConfig.CONV));
    ATTENTION_LAYERS.forEach(i -> t.set(i, TextConfig.ATTENTION));
    return t;
  }

  public ModelConfig config(long seed) {
    return new ModelConfig(text(), vision(), SpecialTokens.LFM2, id(), seed, 4096);
  }

  public TextConfig text() {
    return switch (this) {
      case TINY -> new TextConfig(512, 64, 16, lfm2LayerTypes(), 3, 4, 2, 16, 288, true, null, 32, 1e-5, 1e6, true,
          8192);
      case MINI -> new TextConfig(2048, 128, 16, lfm2LayerTypes(), 3, 4, 2, 32, 576, true, null, 64, 1e-5, 1e6, true,
          8192);
      case SMALL -> new TextConfig(65536, 1024, 16, lfm2LayerTypes(), 3, 16, 8, 64, 6656, true, null, 256, 1e-5,
          1e6, true, 128000);
      case FULL -> new TextConfig(65536, 2048, 16, lfm2LayerTypes(), 3, 32, 8, 64, 12288, true, null, 256, 1e-5,
          1e6, true, 128000);
    };
  }

  public VisionConfig.MobileNet vision() {
    return switch (this) {
      case TINY -> new VisionConfig.MobileNet(256, 8,
          stages(List.of("er_k3_s2_e2_c16"), List.of("uir_a3_k3_s2_e2_c24", "uir_a3_k0_e2_c24"),
              List.of("uir_a3_k3_s2_e2_c32", "uir_a0_k0_e2_c32"), List.of("uir_a3_k3_s2_e2_c48", "uir_a0_k0_e2_c48")),
          64, 64, 16, 1e-6, 64);
      case MINI -> new VisionConfig.MobileNet(128, 32,
          stages(List.of("er_k3_s2_e2_c16"), List.of("uir_a3_k3_s2_e2_c24", "uir_a3_k0_e2_c24"),
              List.of("uir_a3_k3_s2_e2_c32", "uir_a0_k0_e2_c32"), List.of("uir_a3_k3_s2_e2_c48", "uir_a0_k0_e2_c48")),
          64, 64, 8, 1e-6, 128);
      case SMALL -> new VisionConfig.MobileNet(512, 32,
          stages(List.of("er_k3_s2_e4_c64", "er_k3_e4_c64"),
              List.of("uir_a3_k5_s2_e6_c128", "uir_a5_k0_e4_c128", "uir_a3_k0_e4_c128"),
              repeat("uir_a5_k5_s2_e6_c256", "uir_a5_k0_e4_c256", 5, "uir_a0_k0_e2_c256", 2),
              repeat("uir_a5_k5_s2_e6_c512", "uir_a0_k0_e2_c512", 6, null, 0)),
          1536, 1024, 16, 1e-6, 1024);
      case FULL -> new VisionConfig.MobileNet(768, 64,
          stages(List.of("er_k3_s2_e4_c128", "er_k3_e4_c128", "er_k3_e4_c128"),
              List.of("uir_a3_k5_s2_e6_c256", "uir_a5_k0_e4_c256", "uir_a3_k0_e4_c256", "uir_a5_k0_e4_c256",
                  "uir_a3_k0_e4_c256"),
              repeat("uir_a5_k5_s2_e6_c640", "uir_a5_k0_e4_c640", 7, "uir_a0_k0_e2_c640", 28),
              repeat("uir_a5_k5_s2_e6_c1280", "uir_a0_k0_e2_c1280", 38, null, 0)),
          3840, 2048, 16, 1e-6, 2560);
    };
  }

  /**
   * The ViT baseline producing the same 256 tokens, sized to roughly the MobileNet encoder's
   * parameter count (see {@code model info}).
   */
  public VisionConfig.Vit vit() {
    return switch (this) {
      case TINY -> new VisionConfig.Vit(256, 48, 2, 4, 96, 16, 1e-6, 64);
      case MINI -> new VisionConfig.Vit(128, 48, 2, 4, 96, 8, 1e-6, 128);
      case SMALL -> new VisionConfig.Vit(512, 512, 6, 8, 2048, 16, 1e-6, 1024);
      case FULL -> new VisionConfig.Vit(768, 1024, 24, 16, 4096, 16, 1e-6, 2560);
    };
  }

  @SafeVarargs
  private static List<List<BlockSpec>> stages(List<String>... specs) {
    return java.util.Arrays.stream(specs).map(l -> l.stream().map(BlockSpec::parse).toList()).toList();
  }

  /** A first block, {@code n} copies of a second, then {@code m} copies of an optional third. */
  private static List<String> repeat(String first, String body, int n, String tail, int m) {
    List<String> l = new java.util.ArrayList<>();
    l.add(first);
    l.addAll(Collections.nCopies(n, body));
    if (tail != null) {
      l.addAll(Collections.nCopies(m, tail));
    }
    return l;
  }
}
