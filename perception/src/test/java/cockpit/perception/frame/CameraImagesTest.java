package cockpit.perception.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.TinyModel;
import cockpit.lm.VisionEncoder;
import cockpit.lm.generate.SamplingOptions;
import cockpit.lm.vision.FeatureCache;
import cockpit.perception.TinyVision;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import cockpit.perception.task.TaskRunner;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.FrameEncoding;
import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Perception's tasks and a dialogue turn asking for the same frame share one encoder run. */
class CameraImagesTest {
  static CameraFrame frame(String camera, long sequence) {
    byte[] rgb = new byte[48 * 32 * 3];
    new Random(sequence).nextBytes(rgb);
    return CameraFrame.newBuilder().setCameraId(camera).setSequence(sequence)
        .setEncoding(FrameEncoding.FRAME_ENCODING_RGB8).setWidth(48).setHeight(32).setData(ByteString.copyFrom(rgb))
        .build();
  }

  static CameraImages images(int cameras) throws Exception {
    VisionEncoder encoder = TinyVision.encoder();
    return new CameraImages(new FeatureCache(encoder, 4), new Preprocessor(encoder.imageSize()), new FrameDecoder(),
        cameras);
  }

  @Test
  void everyTaskOnAFrameAndATurnAttachingItShareOneEncoderRun() throws Exception {
    CameraImages images = images(4);
    TaskRunner runner = new TaskRunner(TinyModel.model(), images, SamplingOptions.greedy());
    CameraFrame f = frame(PerceptionTasks.CABIN_CAMERA, 812);
    images.record(f);
    RgbImage decoded = new FrameDecoder().decode(f);
    List<PerceptionTask> tasks = List.of(PerceptionTasks.occupancy(), PerceptionTasks.childPresence(),
        PerceptionTasks.driverMonitoring());
    for (PerceptionTask task : tasks) {
      runner.run(task, f, decoded);
    }
    float[] attached = images.features(images.latest(PerceptionTasks.CABIN_CAMERA).orElseThrow(), null);
    assertEquals(1, images.cache().stats().encoderRuns(), "three tasks and one turn, one encoder run");
    assertEquals(3, images.cache().stats().hits());
    assertArrayEquals(TinyVision.encoder().encode(images.preprocessor().preprocess(decoded).pixels()), attached);
    assertSame(attached, images.features(f, decoded, null));
  }

  @Test
  void theLatestFrameOfEachCameraIsKeptForAFewCamerasAndBadFramesAreRefused() throws Exception {
    CameraImages images = images(2);
    images.record(frame("a", 1));
    images.record(frame("a", 2));
    images.record(frame("b", 1));
    assertEquals(2, images.latest("a").orElseThrow().getSequence());
    images.record(frame("c", 1));
    assertTrue(images.latest("a").isEmpty(), "the camera heard from longest ago is forgotten");
    assertTrue(images.latest("c").isPresent());
    CameraFrame broken = frame("c", 2).toBuilder().setWidth(4000).build();
    assertThrows(InvalidFrameException.class, () -> images.features(broken, null));
    assertThrows(InvalidFrameException.class, () -> images.encodeOnce(broken, null));
    assertEquals(0, images.cache().stats().size(), "a frame that does not decode is not kept");
    images.encodeOnce(frame("phone", 1), null);
    assertEquals(1, images.cache().stats().encoderRuns());
    assertEquals(0, images.cache().stats().size(), "an utterance's own image is not cached");
  }
}
