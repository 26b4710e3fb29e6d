package cockpit.npu.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * The ONNX Runtime environment of the process: one global intra-op thread pool shared by every
 * session (vision and decoder run together), the execution provider chosen by configuration, and
 * the bounded {@link InferenceExecutor}. Thread-safe. Close it after the sessions it opened.
 */
public final class NpuRuntime implements AutoCloseable {
  private static final Object ENV_LOCK = new Object();
  private static OrtEnvironment sharedEnv;
  private static boolean globalPool;

  private final OrtEnvironment env;
  private final RuntimeOptions options;
  private final InferenceExecutor executor;
  // ORT requires session options to outlive their sessions: they are freed with the runtime.
  private final java.util.List<SessionOptions> sessionOptions = new java.util.concurrent.CopyOnWriteArrayList<>();

  private NpuRuntime(OrtEnvironment env, RuntimeOptions options) {
    this.env = env;
    this.options = options;
    this.executor = new InferenceExecutor(options.inferenceThreads(), options.queueCapacity(), options.fairShare());
  }

  /**
   * Creates the runtime. The ORT environment is a JVM-wide singleton: the first runtime fixes the
   * global thread pool size; later ones share it.
   *
   * @throws IllegalStateException naming the provider and the ORT build to use when the installed
   *     ONNX Runtime lacks the provider
   */
  public static NpuRuntime create(RuntimeOptions options) {
    EnumSet<ai.onnxruntime.OrtProvider> available = OrtEnvironment.getAvailableProviders();
    if (!available.contains(options.provider().ort())) {
      throw new IllegalStateException("execution provider " + options.provider().name().toLowerCase(
          java.util.Locale.ROOT) + " is not in the installed ONNX Runtime (it has " + available + "); it needs "
          + options.provider().where() + ", or set npu.provider=cpu");
    }
    return new NpuRuntime(environment(options), options);
  }

  private static OrtEnvironment environment(RuntimeOptions options) {
    synchronized (ENV_LOCK) {
      if (sharedEnv == null) {
        try (OrtEnvironment.ThreadingOptions t = new OrtEnvironment.ThreadingOptions()) {
          t.setGlobalIntraOpNumThreads(options.intraOpThreads());
          t.setGlobalInterOpNumThreads(1);
          t.setGlobalSpinControl(false);
          sharedEnv = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "cockpit", t);
          globalPool = true;
        } catch (OrtException | IllegalStateException e) {
          // Someone created the environment before us (without a global pool): share theirs.
          sharedEnv = OrtEnvironment.getEnvironment();
          globalPool = false;
        }
      }
      return sharedEnv;
    }
  }

  public OrtEnvironment env() {
    return env;
  }

  public RuntimeOptions options() {
    return options;
  }

  public InferenceExecutor executor() {
    return executor;
  }

  /** Opens a session on the global pool with the configured provider. */
  public OrtSession openSession(Path onnx) throws OrtException {
    if (!Files.isRegularFile(onnx)) {
      throw new IllegalArgumentException("model file " + onnx + " does not exist; generate a model with "
          + "`cockpit model generate --profile tiny --out DIR` or build its ONNX files");
    }
    SessionOptions so = new SessionOptions();
    sessionOptions.add(so);
    if (globalPool) {
      so.disablePerSessionThreads();
    }
    so.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
    so.addConfigEntry("session.intra_op.allow_spinning", "0");
    switch (options.provider()) {
      case CPU -> { }
      case CUDA -> so.addCUDA(0);
      case QNN -> {
        java.util.Map<String, String> provider = new java.util.HashMap<>();
        for (var e : options.providerOptions().entrySet()) {
          if (e.getKey().startsWith(QnnOptions.SESSION_PREFIX)) {
            so.addConfigEntry(e.getKey(), e.getValue()); // EP context cache entries are session options
          } else {
            provider.put(e.getKey(), e.getValue());
          }
        }
        so.addQnn(provider);
      }
      case XNNPACK -> so.addXnnpack(options.providerOptions());
    }
    return env.createSession(onnx.toString(), so);
  }

  /** Stops the executor and frees session options; close the sessions opened through it first. */
  @Override
  public void close() {
    executor.close();
    sessionOptions.forEach(SessionOptions::close);
    sessionOptions.clear();
  }
}
