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
 * @param queueCapacity tasks of each priority that may wait for an inference thread before submissions of
 *     that priority are refused
 * @param fairShare how far safety may starve dialogue and background work on the executor
 */
public record RuntimeOptions(ExecutionProvider provider, Map<String, String> providerOptions, int intraOpThreads,
    int inferenceThreads, int queueCapacity, FairShare fairShare) {
  public RuntimeOptions {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(fairShare, "fairShare");
    providerOptions = Map.copyOf(providerOptions);
    if (intraOpThreads < 0 || inferenceThreads <= 0 || queueCapacity <= 0) {
      throw new IllegalArgumentException("threads and queue capacity must be positive (intra-op may be 0)");
    }
  }

  /** With the {@link FairShare#DEFAULT} rule. */
  public RuntimeOptions(ExecutionProvider provider, Map<String, String> providerOptions, int intraOpThreads,
      int inferenceThreads, int queueCapacity) {
    this(provider, providerOptions, intraOpThreads, inferenceThreads, queueCapacity, FairShare.DEFAULT);
  }

  /** CPU, ORT's thread count, one inference thread, 64 queued tasks per priority, the default fair share. */
  public static RuntimeOptions defaults() {
    return new RuntimeOptions(ExecutionProvider.CPU, Map.of(), 0, 1, 64);
  }

  public RuntimeOptions withProvider(ExecutionProvider p, Map<String, String> options) {
    return new RuntimeOptions(p, options, intraOpThreads, inferenceThreads, queueCapacity, fairShare);
  }

  public RuntimeOptions withThreads(int intraOp, int inference) {
    return new RuntimeOptions(provider, providerOptions, intraOp, inference, queueCapacity, fairShare);
  }

  public RuntimeOptions withFairShare(FairShare share) {
    return new RuntimeOptions(provider, providerOptions, intraOpThreads, inferenceThreads, queueCapacity, share);
  }
}
