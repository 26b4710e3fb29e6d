package cockpit.npu.runtime;

import ai.onnxruntime.OrtProvider;

/** Execution providers selectable by configuration ({@code npu.provider}). */
public enum ExecutionProvider {
  CPU(OrtProvider.CPU, "com.microsoft.onnxruntime:onnxruntime (the default CPU build)"),
  CUDA(OrtProvider.CUDA, "com.microsoft.onnxruntime:onnxruntime_gpu on a machine with CUDA 12 and cuDNN"),
  QNN(OrtProvider.QNN, "an ONNX Runtime build with the QNN execution provider (Snapdragon; e.g. onnxruntime-android-qnn)"),
  XNNPACK(OrtProvider.XNNPACK, "an ONNX Runtime build with XNNPACK (e.g. onnxruntime-android)");

  private final OrtProvider ort;
  private final String where;

  ExecutionProvider(OrtProvider ort, String where) {
    this.ort = ort;
    this.where = where;
  }

  public OrtProvider ort() {
    return ort;
  }

  /** Which ONNX Runtime artifact carries this provider. */
  public String where() {
    return where;
  }

  public static ExecutionProvider parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown execution provider '" + s + "'; use cpu, cuda, qnn or xnnpack");
    }
  }
}
