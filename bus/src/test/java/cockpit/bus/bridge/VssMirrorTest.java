package cockpit.bus.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.VssValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class VssMirrorTest {
  private static Detection d(String path, VssValue v) {
    Detection.Builder b = Detection.newBuilder().setVssPath(path);
    return (v == null ? b : b.setVssValue(v)).build();
  }

  @Test
  void valuesBecomeProviderKeysAndTextPayloadsAndUnusableEntriesAreSkipped() {
    DetectionSet set = DetectionSet.newBuilder()
        .addDetections(d("Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted", VssValue.newBuilder().setBoolValue(true).build()))
        .addDetections(d("Vehicle.Driver.FatigueLevel", VssValue.newBuilder().setFloatValue(72.5).build()))
        .addDetections(d("Vehicle.Powertrain.Transmission.CurrentGear", VssValue.newBuilder().setIntValue(-1).build()))
        .addDetections(d("Vehicle.Cabin.Seat.Row2.Middle.OccupancyStatus",
            VssValue.newBuilder().setStringValue("OCCUPIED").build()))
        .addDetections(d("", VssValue.newBuilder().setBoolValue(true).build())) // no path
        .addDetections(d("Vehicle.Driver.IsEyesOnRoad", null)) // no value
        .addDetections(d("Vehicle/**/Bad", VssValue.newBuilder().setBoolValue(true).build())) // not a VSS path
        .build();
    List<String> got = VssMirror.entries(set).stream().map(e -> e.key() + "=" + e.payload()).toList();
    assertEquals(List.of("Vehicle/Cabin/Seat/Row1/DriverSide/IsBelted=true", "Vehicle/Driver/FatigueLevel=72.5",
        "Vehicle/Powertrain/Transmission/CurrentGear=-1", "Vehicle/Cabin/Seat/Row2/Middle/OccupancyStatus=OCCUPIED"),
        got);
  }
}
