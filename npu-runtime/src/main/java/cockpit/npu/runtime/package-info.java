/**
 * Running the model graphs on ONNX Runtime: {@link cockpit.npu.runtime.NpuRuntime} (one environment, the
 * execution provider chosen by configuration), {@link cockpit.npu.runtime.InferenceExecutor} (bounded
 * platform threads, safety before dialogue with a fair share), and {@link cockpit.npu.runtime.DecoderSession}
 * over a {@link cockpit.npu.runtime.DecoderState} whose native memory is freed when it is closed. No Vert.x,
 * no bus: callers bring their own threads and lifetimes.
 */
package cockpit.npu.runtime;
