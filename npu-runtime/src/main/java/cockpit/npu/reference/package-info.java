/**
 * Plain-Java reference forwards of the AutoNeural-style model (MODEL.md): the LFM2 hybrid decoder,
 * the MobileNetV5-style and ViT encoders and the connector, written as naive loops with double
 * accumulation and no ONNX Runtime. They are the test oracle for the ONNX graphs, not a runtime:
 * weights are copied into the heap, so use them with tiny and small models.
 */
package cockpit.npu.reference;
