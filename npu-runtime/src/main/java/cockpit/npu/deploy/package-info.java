/**
 * Deployment to an integer NPU (Qualcomm HTP through ONNX Runtime's QNN execution provider):
 * static-shape QDQ export ({@link NpuExport}), the compatibility check against the HTP operator
 * list kept in {@code htp-ops.txt} ({@link CompatibilityChecker}), a host-side driver for the
 * static decoder graphs ({@link NpuDecoderRunner}), the analytic cost model ({@link CostModel}), and the
 * import of Hugging Face LFM2 checkpoints into a complete model directory ({@link ModelImport}).
 * No Vert.x; nothing prints.
 */
package cockpit.npu.deploy;
