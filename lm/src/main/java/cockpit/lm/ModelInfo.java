package cockpit.lm;

import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.ModelVariant;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Who the language model is, spelled once for status, detections and benchmarks. Immutable and
 * thread-safe.
 *
 * @param name {@code <profile>-seed<seed>} for a generated model (e.g. {@code tiny-seed42}), the
 *     directory name for converted weights; reported as {@code model_id}
 * @param profile the config's profile ({@code tiny}, {@code small}, {@code full}, {@code converted})
 * @param variant which decoder graphs run ({@code model.variant})
 * @param precision the decoder's numeric precision: {@code fp32} or {@code w4a16}
 * @param provider what runs it: an ONNX Runtime execution provider ({@code cpu}, {@code cuda},
 *     {@code qnn}, {@code xnnpack}) or {@code reference} for the plain-Java backend
 */
public record ModelInfo(String name, String profile, ModelVariant variant, String precision, String provider) {
  public ModelInfo {
    Objects.requireNonNull(variant, "variant");
    nonBlank("name", name);
    nonBlank("profile", profile);
    nonBlank("precision", precision);
    nonBlank("provider", provider);
  }

  /** The identity of {@code config} loaded from {@code dir} and run by {@code provider}. */
  public static ModelInfo of(ModelConfig config, Path dir, ModelVariant variant, String provider) {
    String name = config.seed() >= 0 ? config.profile() + "-seed" + config.seed()
        : String.valueOf(dir.toAbsolutePath().normalize().getFileName());
    return new ModelInfo(name, config.profile(), variant, precision(variant), provider);
  }

  /** The precision a decoder variant runs at. */
  public static String precision(ModelVariant variant) {
    return switch (variant) {
      case FLOAT -> "fp32";
      case W4A16 -> "w4a16";
    };
  }

  /**
   * The precision of a vision-language run as {@code cockpit.v1.ModelInfo} spells it: one word when
   * the encoder and the decoder agree, else {@code vision+language} (e.g. {@code fp32+w4a16}).
   */
  public String precisionWith(String visionPrecision) {
    return visionPrecision.equals(precision) ? precision : visionPrecision + "+" + precision;
  }

  private static void nonBlank(String what, String v) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("model " + what + " must not be blank");
    }
  }
}
