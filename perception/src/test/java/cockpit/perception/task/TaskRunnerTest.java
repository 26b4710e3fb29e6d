package cockpit.perception.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.LanguageModel;
import cockpit.lm.TinyModel;
import cockpit.lm.VisionEncoder;
import cockpit.lm.generate.SamplingOptions;
import cockpit.npu.model.SpecialTokens;
import cockpit.perception.frame.FrameDecoder;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.frame.RgbImage;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.SeatPosition;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VLM task path on the generated tiny model, reference backend (random weights: answers are meaningless but
 * schema-valid).
 */
class TaskRunnerTest {
  static LanguageModel model;
  static VisionEncoder encoder;
  static TaskRunner runner;

  @BeforeAll
  static void load() throws Exception {
    model = TinyModel.model();
    encoder = cockpit.perception.TinyVision.encoder();
    runner = cockpit.perception.TinyVision.runner();
  }

  /** A seeded random RGB8 frame with a row stride wider than 3·width. */
  static CameraFrame frame(String camera, long seed) {
    Random r = new Random(seed);
    int w = 40 + r.nextInt(60);
    int h = 30 + r.nextInt(50);
    int stride = 3 * w + 5;
    byte[] data = new byte[stride * h];
    r.nextBytes(data);
    return CameraFrame.newBuilder().setCameraId(camera).setSequence(1000 + seed)
        .setCaptureTime(Timestamp.newBuilder().setSeconds(1_700_000_000L + seed).setNanos(123))
        .setEncoding(FrameEncoding.FRAME_ENCODING_RGB8).setWidth(w).setHeight(h).setStrideBytes(stride)
        .setData(ByteString.copyFrom(data)).build();
  }

  static RgbImage decode(CameraFrame f) throws Exception {
    return new FrameDecoder().decode(f);
  }

  static void checkCommon(DetectionSet set, CameraFrame f, String task) {
    assertEquals(f.getCameraId(), set.getFrame().getCameraId());
    assertEquals(f.getSequence(), set.getFrame().getSequence());
    assertEquals(f.getCaptureTime(), set.getFrame().getCaptureTime());
    assertEquals(task, set.getTask());
    assertEquals("tiny-seed11", set.getModel().getModelId());
    assertEquals("tiny", set.getModel().getProfile());
    assertEquals("fp32", set.getModel().getPrecision());
    assertEquals("reference", set.getModel().getExecutionProvider());
    var l = set.getLatency();
    assertTrue(l.getPreprocessMs() > 0 && l.getVisionEncodeMs() > 0 && l.getPrefillMs() > 0 && l.getDecodeMs() > 0,
        l.toString());
    assertTrue(l.getTotalMs() >= l.getPreprocessMs() + l.getVisionEncodeMs() + l.getPrefillMs(), l.toString());
    assertTrue(set.getTime().getSeconds() > 0);
  }

  static final Set<DetectionKind> SEAT_KINDS = EnumSet.of(DetectionKind.DETECTION_KIND_PERSON,
      DetectionKind.DETECTION_KIND_CHILD, DetectionKind.DETECTION_KIND_INFANT_SEAT, DetectionKind.DETECTION_KIND_PET,
      DetectionKind.DETECTION_KIND_SEAT_BELT, DetectionKind.DETECTION_KIND_OBJECT);
  static final Set<String> OBJECTS = Set.of("phone", "wallet", "keys", "bag", "bottle", "laptop");

  static void checkOccupancy(DetectionSet set) {
    assertTrue(set.getDetectionsCount() <= 20, set.toString());
    for (Detection d : set.getDetectionsList()) {
      assertTrue(SEAT_KINDS.contains(d.getKind()), d.toString());
      assertTrue(d.getSeat().getRow() >= 1 && d.getSeat().getRow() <= 3, d.toString());
      assertTrue(d.getSeat().getPosition() != SeatPosition.SEAT_POSITION_UNSPECIFIED, d.toString());
      assertTrue(d.getConfidence() > 0 && d.getConfidence() <= 1, d.toString());
      if (d.getKind() == DetectionKind.DETECTION_KIND_OBJECT) {
        assertTrue(OBJECTS.contains(d.getLabel()), d.toString());
      } else if (d.getKind() != DetectionKind.DETECTION_KIND_SEAT_BELT) {
        assertEquals(DetectionMapper.kind(d.getAttributesOrThrow("occupant")), d.getKind());
        assertTrue(d.getVssPath().endsWith(".IsOccupied"), d.getVssPath());
      } else {
        assertTrue(d.getVssPath().matches("Vehicle\\.Cabin\\.Seat\\.Row[1-3]\\.(DriverSide|Middle|PassengerSide)"
            + "\\.IsBelted"), d.getVssPath());
        assertEquals(Boolean.parseBoolean(d.getAttributesOrThrow("belted")), d.getVssValue().getBoolValue());
      }
    }
  }

  @Test
  void occupancyOnSeededFramesGivesSchemaValidSeats() throws Exception {
    PerceptionTask task = PerceptionTasks.occupancy();
    for (long seed = 1; seed <= 3; seed++) {
      CameraFrame f = frame(PerceptionTasks.CABIN_CAMERA, seed);
      DetectionSet set = runner.run(task, f, decode(f));
      checkCommon(set, f, PerceptionTasks.OCCUPANCY);
      checkOccupancy(set);
    }
  }

  @Test
  void sampledOccupancyAnswersVaryAndStaySchemaValid() throws Exception {
    PerceptionTask task = PerceptionTasks.occupancy();
    Set<java.util.List<Detection>> distinct = new java.util.HashSet<>();
    for (long seed = 1; seed <= 6; seed++) {
      TaskRunner sampled = new TaskRunner(model, encoder, new Preprocessor(encoder.imageSize()),
          SamplingOptions.defaults().withTemperature(1.0).withMinP(0).withSeed(seed));
      CameraFrame f = frame(PerceptionTasks.CABIN_CAMERA, 50 + seed);
      DetectionSet set = sampled.run(task, f, decode(f));
      checkCommon(set, f, PerceptionTasks.OCCUPANCY);
      checkOccupancy(set);
      distinct.add(set.getDetectionsList());
    }
    assertTrue(distinct.size() >= 2, "six sampled answers were all " + distinct);
  }

  @Test
  void driverMonitoringOnSeededFramesGivesOneDriverState() throws Exception {
    PerceptionTask task = PerceptionTasks.driverMonitoring();
    for (long seed = 1; seed <= 3; seed++) {
      CameraFrame f = frame(PerceptionTasks.DRIVER_CAMERA, 100 + seed);
      DetectionSet set = runner.run(task, f, decode(f));
      checkCommon(set, f, PerceptionTasks.DRIVER_MONITORING);
      assertEquals(1, set.getDetectionsCount(), set.toString());
      Detection d = set.getDetections(0);
      assertEquals(DetectionKind.DETECTION_KIND_DRIVER_STATE, d.getKind());
      assertEquals("Vehicle.Driver.IsEyesOnRoad", d.getVssPath());
      String eyes = d.getAttributesOrThrow("eyes_on_road");
      assertTrue(eyes.equals("true") || eyes.equals("false"), eyes);
      assertEquals(Boolean.parseBoolean(eyes), d.getVssValue().getBoolValue());
      String drowsy = d.getAttributesOrThrow("drowsy");
      assertTrue(drowsy.equals("true") || drowsy.equals("false"), drowsy);
      assertTrue(Set.of("road", "left", "right", "down").contains(d.getAttributesOrThrow("gaze")), d.toString());
      assertTrue(d.getConfidence() > 0 && d.getConfidence() <= 1, d.toString());
    }
  }

  @Test
  void promptHasTheImageBlockOfEncoderTokens() {
    SpecialTokens sp = model.config().tokens();
    int[] p = runner.promptTokens(PerceptionTasks.occupancy());
    int first = -1;
    int count = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] == sp.image()) {
        first = first < 0 ? i : first;
        count++;
      }
    }
    assertEquals(256, encoder.tokens());
    assertEquals(encoder.tokens(), count);
    assertEquals(sp.imageStart(), p[first - 1]);
    assertEquals(sp.imageEnd(), p[first + count]);
    assertEquals(model.chat().imStart(), p[p.length - 1 - model.tokenizer().encode("assistant\n").length]);
  }

  @Test
  void imageRowsChangeTheLogits() throws Exception {
    PerceptionTask task = PerceptionTasks.occupancy();
    RgbImage a = decode(frame(PerceptionTasks.CABIN_CAMERA, 7));
    RgbImage b = decode(frame(PerceptionTasks.CABIN_CAMERA, 8));
    float[] la = runner.firstLogits(task, a);
    float[] la2 = runner.firstLogits(task, a);
    float[] lb = runner.firstLogits(task, b);
    assertArrayEquals(la, la2, "same image, same logits");
    assertFalse(Arrays.equals(la, lb), "two different images gave identical first-token logits");
    double maxDiff = 0;
    for (int i = 0; i < la.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(la[i] - lb[i]));
    }
    assertTrue(maxDiff > 1e-4, "max logit difference " + maxDiff);
  }

  /**
   * Every built-in task parses and maps its constrained answer on seeded frames of its own camera. The
   * random-weight model is unsure: every confidence is in (0, 1] and they are far from 1 on average (each
   * choice is near 1/k).
   */
  @Test
  void everyBuiltInTaskGivesSchemaValidMappedAnswers() throws Exception {
    double sum = 0;
    int n = 0;
    for (PerceptionTask task : PerceptionTasks.defaults()) {
      String camera = task.cameras().iterator().next();
      for (long seed = 1; seed <= 2; seed++) {
        CameraFrame f = frame(camera, 300 + seed * 7 + task.name().length());
        DetectionSet set = runner.run(task, f, decode(f));
        checkCommon(set, f, task.name());
        for (Detection d : set.getDetectionsList()) {
          assertTrue(d.getKind() != DetectionKind.DETECTION_KIND_UNSPECIFIED, d.toString());
          assertTrue(d.getConfidence() > 0 && d.getConfidence() <= 1, d.toString());
          sum += d.getConfidence();
          n++;
          if (camera.equals(PerceptionTasks.EXTERIOR_CAMERA)) {
            assertTrue(d.getZone().startsWith("exterior"), d.toString());
          }
        }
      }
    }
    assertTrue(n >= 6 && sum / n < 0.8, n + " detections, mean confidence " + sum / n);
  }

  @Test
  void frameFromAnotherCameraIsRejected() throws Exception {
    CameraFrame f = frame("exterior_front", 3);
    RgbImage img = decode(f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> runner.run(PerceptionTasks.occupancy(), f, img));
    assertTrue(e.getMessage().contains("occupancy") && e.getMessage().contains("exterior_front"), e.getMessage());
    // "*" accepts any camera
    PerceptionTask any = new PerceptionTask("any_driver", PerceptionTasks.driverMonitoring().prompt(),
        PerceptionTasks.DRIVER_MONITORING_SCHEMA, Set.of(PerceptionTask.ALL_CAMERAS), java.time.Duration.ZERO);
    DetectionSet set = runner.run(any, f, img);
    assertEquals(1, set.getDetectionsCount());
    assertEquals(DetectionKind.DETECTION_KIND_OBJECT, set.getDetections(0).getKind());
    assertTrue(set.getDetections(0).getAttributesOrThrow("json").contains("eyes_on_road"));
  }
}
