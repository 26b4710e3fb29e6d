package cockpit.sim.replay;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dotted protobuf field path ({@code detections.seat.row}) out of a message as text: every
 * value the path reaches (a repeated field fans out), enums by name, unset scalars as their default.
 */
final class FieldPath {
  private FieldPath() {}

  static List<String> values(Message m, String path) {
    List<Object> cur = List.of(m);
    for (String part : path.split("\\.")) {
      List<Object> next = new ArrayList<>();
      for (Object o : cur) {
        if (!(o instanceof Message msg)) {
          continue;
        }
        FieldDescriptor f = msg.getDescriptorForType().findFieldByName(part);
        if (f == null) {
          throw new IllegalArgumentException("no field '" + part + "' in " + msg.getDescriptorForType().getFullName());
        }
        if (f.isRepeated()) {
          for (int i = 0; i < msg.getRepeatedFieldCount(f); i++) {
            next.add(msg.getRepeatedField(f, i));
          }
        } else {
          next.add(msg.getField(f));
        }
      }
      cur = next;
    }
    List<String> out = new ArrayList<>();
    for (Object o : cur) {
      out.add(o instanceof EnumValueDescriptor ev ? ev.getName() : String.valueOf(o));
    }
    return out;
  }
}
