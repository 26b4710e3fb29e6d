package cockpit.npu.onnx;

import cockpit.npu.onnx.proto.GraphProto;
import cockpit.npu.onnx.proto.ModelProto;
import cockpit.npu.onnx.proto.OperatorSetIdProto;
import cockpit.npu.onnx.proto.StringStringEntryProto;
import cockpit.npu.onnx.proto.TensorProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@link GraphBuilder} as an ONNX model file ONNX Runtime loads: IR version 10, opset 21
 * plus {@code com.microsoft} 1. Initializers of at least {@code inlineLimit} bytes go to an {@link
 * ExternalData} file (required above 2 GB, and what lets a large model stream to disk); smaller ones
 * are inlined.
 */
public final class ModelWriter {
  public static final int IR_VERSION = 10;
  public static final int OPSET = 21;
  private static final int DEFAULT_INLINE_LIMIT = 1024;

  private ModelWriter() {}

  /** Writes {@code graph} to {@code onnx}; large initializers go to {@code external} (may be null: all inline). */
  public static void write(GraphBuilder graph, Path onnx, ExternalData external, Map<String, String> metadata)
      throws IOException {
    GraphProto.Builder g = graph.toProtoWithoutInitializers().toBuilder();
    for (Map.Entry<String, TensorData> e : graph.initializers().entrySet()) {
      g.addInitializer(tensor(e.getKey(), e.getValue(), external));
    }
    ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("cockpit")
        .setProducerVersion("0.1.0").setGraph(g)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(GraphBuilder.MS_DOMAIN).setVersion(1));
    metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    Files.createDirectories(onnx.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(onnx)) {
      m.build().writeTo(out);
    }
  }

  private static TensorProto tensor(String name, TensorData data, ExternalData external) throws IOException {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(data.type().onnxId());
    for (long d : data.dims()) {
      t.addDims(d);
    }
    if (external == null || data.bytes().remaining() < DEFAULT_INLINE_LIMIT) {
      return t.setRawData(ByteString.copyFrom(data.bytes())).build();
    }
    long[] loc = external.put(name, data);
    return t.setDataLocation(TensorProto.DataLocation.EXTERNAL)
        .addExternalData(entry("location", external.location()))
        .addExternalData(entry("offset", Long.toString(loc[0])))
        .addExternalData(entry("length", Long.toString(loc[1]))).build();
  }

  private static StringStringEntryProto entry(String k, String v) {
    return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
  }
}
