/**
 * A small ONNX graph builder over our own copy of the ONNX protobuf schema ({@code
 * src/main/proto/onnx/onnx_subset.proto}): values, typed initializers, nodes, opset imports, and a
 * writer with external data shared between graphs, so multi-gigabyte models stream to disk.
 */
package cockpit.npu.onnx;
