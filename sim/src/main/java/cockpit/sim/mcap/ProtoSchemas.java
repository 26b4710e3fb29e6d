package cockpit.sim.mcap;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.LinkedHashSet;
import java.util.Set;

/** Protobuf schemas for MCAP/Foxglove: the message's file and all it imports, as a FileDescriptorSet. */
public final class ProtoSchemas {
  private ProtoSchemas() {}

  /** The serialized FileDescriptorSet of {@code type}'s file with every (transitive) import, imports first. */
  public static byte[] fileDescriptorSet(Descriptor type) {
    Set<FileDescriptor> ordered = new LinkedHashSet<>();
    visit(type.getFile(), ordered);
    FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
    ordered.forEach(f -> set.addFile(f.toProto()));
    return set.build().toByteArray();
  }

  private static void visit(FileDescriptor f, Set<FileDescriptor> out) {
    if (out.contains(f)) {
      return;
    }
    for (FileDescriptor dep : f.getDependencies()) {
      visit(dep, out);
    }
    out.add(f);
  }
}
