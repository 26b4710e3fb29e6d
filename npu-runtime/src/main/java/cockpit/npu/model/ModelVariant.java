package cockpit.npu.model;

import java.util.Locale;

/**
 * Which decoder graphs of a model directory the runtime opens: the float ones or a quantized
 * set written beside them (configuration key {@code model.variant}). Each variant names its
 * fixed-capacity prefill and decode files under {@code onnx/}.
 */
public enum ModelVariant {
  /** {@code decoder_prefill.onnx}, {@code decoder_decode.onnx}: fp32 weights. */
  FLOAT(""),
  /** {@code decoder_prefill_w4a16.onnx}, {@code decoder_decode_w4a16.onnx}: MatMulNBits 4-bit weights. */
  W4A16("_w4a16");

  private final String suffix;

  ModelVariant(String suffix) {
    this.suffix = suffix;
  }

  public String prefillFile() {
    return "decoder_prefill" + suffix + ".onnx";
  }

  public String decodeFile() {
    return "decoder_decode" + suffix + ".onnx";
  }

  /** The external-data file the variant's two graphs share. */
  public String dataFile() {
    return "decoder" + suffix + ".onnx.data";
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code float} or {@code w4a16} (case-insensitive). */
  public static ModelVariant parse(String s) {
    for (ModelVariant v : values()) {
      if (v.id().equalsIgnoreCase(s.trim())) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown model variant '" + s + "' (float, w4a16)");
  }
}
