package cockpit.npu.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * How the runtime runs models.
 *
 * @param provider the execution provider; CPU always stays as fallback
 * @param providerOptions passed through to the provider (e.g. QNN {@code backend_type}, {@code
 *     htp_performance_mode}); ignored for CPU
 * @param intraOpThreads size of the one global ONNX Runtime thread pool (0 = ORT's choice)
 * @param inferenceThreads platform threads of the bounded inference executor
 * @param queueCapacity tasks that may wait for an inference thread before submissions are refused
 */
public record RuntimeOptions(ExecutionProvider provider, Map<String, String> providerOptions, int intraOpThreads,
    int inferenceThreads, int queueCapacity) {
  public RuntimeOptions {
    Objects.requireNonNull(provider, "provider");
    providerOptions = Map.copyOf(providerOptions);
    if (intraOpThreads < 0 || inferenceThreads <= 0 || queueCapacity <= 0) {
      throw new IllegalArgumentException("threads and queue capacity must be positive (intra-op may be 0)");
    }
  }

  /** CPU, ORT's thread count, one inference thread, 64 queued tasks. */
  public static RuntimeOptions defaults() {
    return new RuntimeOptions(ExecutionProvider.CPU, Map.of(), 0, 1, 64);
  }

  public RuntimeOptions withProvider(ExecutionProvider p, Map<String, String> options) {
    return new RuntimeOptions(p, options, intraOpThreads, inferenceThreads, queueCapacity);
  }

  public RuntimeOptions withThreads(int intraOp, int inference) {
    return new RuntimeOptions(provider, providerOptions, intraOp, inference, queueCapacity);
  }
}
