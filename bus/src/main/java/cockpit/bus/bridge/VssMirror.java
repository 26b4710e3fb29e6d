package cockpit.bus.bridge;

import cockpit.bus.zenoh.KeyExpr;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.VssValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The VSS values of a DetectionSet on the key layout of Eclipse KUKSA's Zenoh provider
 * (eclipse-kuksa/kuksa-incubation zenoh-kuksa-provider, anchors §8): key = VSS path with {@code .}
 * replaced by {@code /} (e.g. {@code Vehicle/Cabin/Seat/Row1/DriverSide/IsBelted}), payload = the value
 * as a string ({@code true}, {@code 42}, {@code 0.5}, text), attachment {@link #CURRENT_VALUE}, which the
 * provider forwards to the databroker as a current value. Overlay paths (documented by the tasks) go the
 * same way; the databroker ignores paths its catalog lacks. Stateless.
 */
public final class VssMirror {
  /** Attachment marking a device-side current value, as the provider expects. */
  public static final String CURRENT_VALUE = "currentValue";

  /** One value to put. */
  public record Entry(KeyExpr key, String payload) {}

  /** A dotted VSS path whose segments are key-expression-safe. */
  private static final Pattern PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");

  private VssMirror() {}

  /** The entries of {@code set}: one per detection with a VSS path and value; invalid paths are skipped. */
  public static List<Entry> entries(DetectionSet set) {
    List<Entry> out = new ArrayList<>();
    for (Detection d : set.getDetectionsList()) {
      if (d.getVssPath().isEmpty() || !d.hasVssValue()
          || d.getVssValue().getValueCase() == VssValue.ValueCase.VALUE_NOT_SET) {
        continue;
      }
      String path = d.getVssPath();
      if (!PATH.matcher(path).matches()) {
        continue;
      }
      out.add(new Entry(KeyExpr.tryFrom(path.replace('.', '/')), text(d.getVssValue())));
    }
    return out;
  }

  /** The value as KUKSA's provider writes datapoints: booleans and numbers in their plain text form. */
  static String text(VssValue v) {
    return switch (v.getValueCase()) {
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case INT_VALUE -> Long.toString(v.getIntValue());
      case FLOAT_VALUE -> Double.toString(v.getFloatValue());
      case STRING_VALUE -> v.getStringValue();
      case VALUE_NOT_SET -> throw new IllegalArgumentException("VssValue without a value");
    };
  }
}
