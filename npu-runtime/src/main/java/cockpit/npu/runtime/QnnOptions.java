package cockpit.npu.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * ONNX Runtime QNN execution-provider settings (configuration {@code npu.qnn.*}): the backend
 * library, the HTP performance mode, and the EP context cache (the compiled QNN graph written on
 * the first session and reused, so later starts skip graph finalization). Option names are ORT's
 * ({@code backend_path}, {@code htp_performance_mode}; session entries {@code ep.context_enable},
 * {@code ep.context_file_path}, {@code ep.context_embed_mode}).
 *
 * @param contextFile where the context model goes; empty = ORT's default {@code <model>_ctx.onnx}
 */
public record QnnOptions(String backendPath, String htpPerformanceMode, boolean contextCache, String contextFile) {
  /** ORT 1.24 {@code htp_performance_mode} values. */
  public static final Set<String> PERFORMANCE_MODES = Set.of("burst", "balanced", "default", "high_performance",
      "high_power_saver", "low_balanced", "extreme_power_saver", "low_power_saver", "power_saver",
      "sustained_high_performance");
  /** Keys with this prefix are session config entries, not provider options. */
  static final String SESSION_PREFIX = "ep.";

  public QnnOptions {
    if (backendPath == null || backendPath.isBlank()) {
      throw new IllegalArgumentException("QNN backend path is empty (e.g. libQnnHtp.so, QnnHtp.dll)");
    }
    if (!PERFORMANCE_MODES.contains(htpPerformanceMode)) {
      throw new IllegalArgumentException("QNN htp performance mode '" + htpPerformanceMode + "' is not one of "
          + new java.util.TreeSet<>(PERFORMANCE_MODES));
    }
    contextFile = contextFile == null ? "" : contextFile;
  }

  /** HTP backend, burst, no context cache. */
  public static QnnOptions defaults() {
    return new QnnOptions("libQnnHtp.so", "burst", false, "");
  }

  /** Provider options plus {@code ep.*} session entries, the form {@link RuntimeOptions} carries. */
  public Map<String, String> toProviderOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("backend_path", backendPath);
    m.put("htp_performance_mode", htpPerformanceMode);
    if (contextCache) {
      m.put("ep.context_enable", "1");
      m.put("ep.context_embed_mode", "0");
      if (!contextFile.isEmpty()) {
        m.put("ep.context_file_path", contextFile);
      }
    }
    return m;
  }
}
