package cockpit.sim.mcap;

import cockpit.proto.v1.CameraFrame;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Timestamp;

/**
 * Foxglove's {@code foxglove.CompressedImage} (file {@code foxglove/CompressedImage.proto}: timestamp = 1,
 * data = 2, format = 3, frame_id = 4), built here because no Java artifact carries it, so a recording's
 * JPEG/PNG camera frames also show in Foxglove's Image panel. Immutable, thread-safe.
 */
public final class FoxgloveImage {
  /** Schema name Foxglove recognises. */
  public static final String NAME = "foxglove.CompressedImage";
  /** Suffix of the mirror channel's MCAP topic (the Zenoh key + this). */
  public static final String TOPIC_SUFFIX = "/foxglove_image";

  private static final Descriptor TYPE = build();

  private FoxgloveImage() {}

  private static Descriptor build() {
    FieldDescriptorProto.Type msg = FieldDescriptorProto.Type.TYPE_MESSAGE;
    FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("foxglove/CompressedImage.proto")
        .setPackage("foxglove").setSyntax("proto3").addDependency("google/protobuf/timestamp.proto")
        .addMessageType(DescriptorProto.newBuilder().setName("CompressedImage")
            .addField(field("timestamp", 1, msg).setTypeName(".google.protobuf.Timestamp"))
            .addField(field("data", 2, FieldDescriptorProto.Type.TYPE_BYTES))
            .addField(field("format", 3, FieldDescriptorProto.Type.TYPE_STRING))
            .addField(field("frame_id", 4, FieldDescriptorProto.Type.TYPE_STRING)))
        .build();
    try {
      return FileDescriptor.buildFrom(file, new FileDescriptor[] {Timestamp.getDescriptor().getFile()})
          .findMessageTypeByName("CompressedImage");
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException("foxglove.CompressedImage descriptor is invalid", e);
    }
  }

  private static FieldDescriptorProto.Builder field(String name, int number, FieldDescriptorProto.Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setJsonName(name.equals("frame_id") ? "frameId" : name);
  }

  /** The schema data: FileDescriptorSet of timestamp.proto and foxglove/CompressedImage.proto. */
  public static byte[] schema() {
    return FileDescriptorSet.newBuilder().addFile(Timestamp.getDescriptor().getFile().toProto())
        .addFile(TYPE.getFile().toProto()).build().toByteArray();
  }

  /** Whether the frame is a JPEG or PNG file Foxglove can show as is. */
  public static boolean supports(CameraFrame f) {
    return switch (f.getEncoding()) {
      case FRAME_ENCODING_JPEG, FRAME_ENCODING_PNG -> true;
      default -> false;
    };
  }

  /** The serialized CompressedImage of a JPEG or PNG frame (frame_id = camera id). */
  public static byte[] of(CameraFrame f) {
    if (!supports(f)) {
      throw new IllegalArgumentException("only JPEG and PNG frames map to " + NAME + ", got " + f.getEncoding());
    }
    return DynamicMessage.newBuilder(TYPE)
        .setField(TYPE.findFieldByName("timestamp"), f.getCaptureTime())
        .setField(TYPE.findFieldByName("data"), f.getData())
        .setField(TYPE.findFieldByName("format"), f.getEncoding() == cockpit.proto.v1.FrameEncoding.FRAME_ENCODING_JPEG
            ? "jpeg" : "png")
        .setField(TYPE.findFieldByName("frame_id"), f.getCameraId())
        .build().toByteArray();
  }
}
