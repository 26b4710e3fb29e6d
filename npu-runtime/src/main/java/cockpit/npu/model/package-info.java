/**
 * The AutoNeural-style model as files (MODEL.md is the contract): config records and profiles,
 * {@code config.json} ({@link cockpit.npu.model.ConfigJson}), safetensors weights read through memory
 * mappings and written as streams ({@link cockpit.npu.model.Safetensors}), deterministic generated
 * weights ({@link cockpit.npu.model.WeightGenerator}), tokenizer files, and the model directory
 * ({@link cockpit.npu.model.ModelDirectory}) that ties them together. ONNX graphs are built elsewhere
 * ({@code cockpit.npu.graph}); this package only names where they go.
 */
package cockpit.npu.model;
