package cockpit.lm;

import cockpit.npu.model.ModelVariant;
import cockpit.npu.runtime.NpuRuntime;
import java.util.Locale;
import java.util.Objects;

/**
 * Which implementation runs the model, chosen by configuration ({@code model.backend}). Immutable and thread-safe.
 */
public sealed interface Backend {
  /** The provider name reported in {@link ModelInfo#provider()}. */
  String provider();

  /** The decoder variant this backend runs. */
  ModelVariant variant();

  /**
   * ONNX Runtime over the model's graphs, on {@code runtime}'s environment and execution provider.
   * The runtime must outlive the model (it holds the session options).
   */
  record Ort(NpuRuntime runtime, ModelVariant variant) implements Backend {
    public Ort {
      Objects.requireNonNull(runtime, "runtime");
      Objects.requireNonNull(variant, "variant");
    }

    @Override
    public String provider() {
      return runtime.options().provider().name().toLowerCase(Locale.ROOT);
    }
  }

  /** The plain-Java reference forward (float weights only; tiny and small models). */
  record Reference() implements Backend {
    @Override
    public String provider() {
      return "reference";
    }

    @Override
    public ModelVariant variant() {
      return ModelVariant.FLOAT;
    }
  }
}
