package cockpit.sim.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.SeatPosition;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SceneRendererTest {
  private static final SceneRenderer R = new SceneRenderer();

  static CabinScene family() {
    return new CabinScene(2, List.of(
        SeatScene.of(1, SeatPosition.SEAT_POSITION_DRIVER_SIDE, Occupant.ADULT, true),
        new SeatScene(1, SeatPosition.SEAT_POSITION_PASSENGER_SIDE, Occupant.EMPTY, false,
            List.of(SeatObject.PHONE)),
        SeatScene.of(2, SeatPosition.SEAT_POSITION_DRIVER_SIDE, Occupant.CHILD, false),
        SeatScene.of(2, SeatPosition.SEAT_POSITION_MIDDLE, Occupant.INFANT_SEAT_OCCUPIED, false),
        new SeatScene(2, SeatPosition.SEAT_POSITION_PASSENGER_SIDE, Occupant.PET, false, List.of(SeatObject.BAG))),
        new DriverState(DriverState.Head.LEFT, DriverState.Eyes.OPEN));
  }

  @Test
  void sameSeedGivesIdenticalBytesInEveryEncoding() {
    for (FrameEncoding e : List.of(FrameEncoding.FRAME_ENCODING_JPEG, FrameEncoding.FRAME_ENCODING_PNG,
        FrameEncoding.FRAME_ENCODING_RGB8, FrameEncoding.FRAME_ENCODING_NV12)) {
      byte[] a = FrameEncoder.encode(R.render(family(), 7, 320, 240).image(), e);
      byte[] b = FrameEncoder.encode(R.render(family(), 7, 320, 240).image(), e);
      assertArrayEquals(a, b, e.toString());
    }
  }

  @Test
  void differentSeedGivesDifferentPixelsButTheSameFacts() {
    Rendered a = R.render(family(), 7, 320, 240);
    Rendered b = R.render(family(), 8, 320, 240);
    assertFalse(Arrays.equals(FrameEncoder.encode(a.image(), FrameEncoding.FRAME_ENCODING_RGB8),
        FrameEncoder.encode(b.image(), FrameEncoding.FRAME_ENCODING_RGB8)));
    assertEquals(a.truth().labels().stream().map(l -> l.kind() + l.label() + l.attributes() + l.seat()).toList(),
        b.truth().labels().stream().map(l -> l.kind() + l.label() + l.attributes() + l.seat()).toList());
  }

  @Test
  void cabinLabelsMatchTheScene() {
    GroundTruth t = R.render(family(), 1, 320, 240).truth();
    assertEquals(1, t.of(DetectionKind.DETECTION_KIND_PERSON).size());
    Label child = t.of(DetectionKind.DETECTION_KIND_CHILD).getFirst();
    assertEquals(2, child.seat().getRow());
    assertEquals("false", child.attributes().get("belted"));
    assertEquals("Vehicle.Cabin.Seat.Row2.DriverSide.IsBelted", child.vssPath());
    assertEquals(Boolean.FALSE, child.vssBool());
    assertEquals("true", t.of(DetectionKind.DETECTION_KIND_INFANT_SEAT).getFirst().attributes().get("occupied"));
    assertEquals(SeatPosition.SEAT_POSITION_PASSENGER_SIDE,
        t.of(DetectionKind.DETECTION_KIND_PET).getFirst().seat().getPosition());
    assertEquals(List.of("phone", "bag"), t.of(DetectionKind.DETECTION_KIND_OBJECT).stream().map(Label::label).toList());
    Label driver = t.of(DetectionKind.DETECTION_KIND_DRIVER_STATE).getFirst();
    assertEquals("false", driver.attributes().get("eyes_on_road"), "head turned left");
    assertEquals("Vehicle.Driver.IsEyesOnRoad", driver.vssPath());
    Detection d = child.toDetection();
    assertEquals(DetectionKind.DETECTION_KIND_CHILD, d.getKind());
    assertFalse(d.getVssValue().getBoolValue());
    assertEquals(t.labels().size(), t.toDetections().size());
  }

  @Test
  void everyCabinLabelSitsInsideItsSeatsBox() {
    for (long seed = 1; seed <= 20; seed++) {
      CabinTruth t = (CabinTruth) R.render(family(), seed, 300, 300).truth();
      for (Label l : t.labels()) {
        Label.Box seat = t.seat(l.seat().getRow(), l.seat().getPosition()).box();
        double mx = l.box().x() + l.box().width() / 2;
        double my = l.box().y() + l.box().height() / 2;
        assertTrue(mx > seat.x() && mx < seat.x() + seat.width() && my > seat.y() && my < seat.y() + seat.height(),
            "seed " + seed + ": " + l.label() + " centre " + mx + "," + my + " outside its seat " + seat);
      }
    }
  }

  @Test
  void exteriorLabelsNameSideDistanceAndKind() {
    Rendered far = R.render(new ExteriorScene(ExteriorScene.RoadUser.CYCLIST, ExteriorScene.Side.LEFT, 40, true),
        2, 320, 240);
    Rendered near = R.render(new ExteriorScene(ExteriorScene.RoadUser.CYCLIST, ExteriorScene.Side.LEFT, 3, true),
        2, 320, 240);
    Label f = far.truth().labels().getFirst();
    Label n = near.truth().labels().getFirst();
    assertEquals(DetectionKind.DETECTION_KIND_CYCLIST, f.kind());
    assertEquals("exterior/left-rear", f.zone());
    assertEquals("40.0", f.attributes().get("distance_m"));
    assertEquals("true", f.attributes().get("approaching"));
    assertTrue(n.box().height() > 1.5 * f.box().height(), "nearer is larger: " + n.box() + " vs " + f.box());
    assertTrue(centreDistance(n.box()) < centreDistance(f.box()), "nearer is closer to the car: " + n.box() + " vs "
        + f.box());
    assertTrue(R.render(new ExteriorScene(ExteriorScene.RoadUser.NONE, ExteriorScene.Side.RIGHT, 10, false), 2, 64,
        64).truth().labels().isEmpty());
  }

  @Test
  void everyEncodingDecodesBackToThePixels() throws Exception {
    BufferedImage img = R.render(family(), 11, 160, 120).image();
    int[] rgb = img.getRGB(0, 0, 160, 120, null, 0, 160);
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(FrameEncoder.encode(img, FrameEncoding.FRAME_ENCODING_PNG)));
    assertArrayEquals(rgb, png.getRGB(0, 0, 160, 120, null, 0, 160), "PNG is lossless");
    BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(FrameEncoder.encode(img, FrameEncoding.FRAME_ENCODING_JPEG)));
    assertTrue(meanAbsDiff(rgb, jpeg.getRGB(0, 0, 160, 120, null, 0, 160)) < 12, "JPEG is close");
    byte[] raw = FrameEncoder.encode(img, FrameEncoding.FRAME_ENCODING_RGB8);
    assertEquals(160 * 120 * 3, raw.length);
    assertEquals(rgb[121 * 0 + 5] >> 16 & 0xFF, raw[15] & 0xFF);
    int[] nv = Nv12.toRgb(FrameEncoder.encode(img, FrameEncoding.FRAME_ENCODING_NV12), 160, 120);
    assertTrue(meanAbsDiff(rgb, nv) < 12, "NV12 round trip is close: " + meanAbsDiff(rgb, nv));
    assertThrows(IllegalArgumentException.class,
        () -> FrameEncoder.encode(R.render(family(), 1, 161, 120).image(), FrameEncoding.FRAME_ENCODING_NV12));
  }

  @Test
  void badScenesAreRejectedWithTheReason() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> SeatScene.of(1, SeatPosition.SEAT_POSITION_MIDDLE, Occupant.PET, true));
    assertTrue(e.getMessage().contains("pet cannot be belted"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new CabinScene(1,
        List.of(SeatScene.of(2, SeatPosition.SEAT_POSITION_MIDDLE, Occupant.ADULT, false)), DriverState.ATTENTIVE));
    assertTrue(e.getMessage().contains("cabin has 1 rows"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> R.render(family(), 1, 8, 8));
  }

  /** Distance of a box's centre from the frame centre (where the own car is), normalized units. */
  private static double centreDistance(Label.Box b) {
    return Math.hypot(b.x() + b.width() / 2 - 0.5, b.y() + b.height() / 2 - 0.5);
  }

  private static double meanAbsDiff(int[] a, int[] b) {
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int s = 0; s <= 16; s += 8) {
        sum += Math.abs((a[i] >> s & 0xFF) - (b[i] >> s & 0xFF));
      }
    }
    return sum / (3.0 * a.length);
  }
}
