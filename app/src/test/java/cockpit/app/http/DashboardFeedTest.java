package cockpit.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.Alert;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.Door;
import cockpit.proto.v1.DoorState;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FrameRef;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.VehicleState;
import cockpit.proto.v1.VoiceUtterance;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, defects 3 and 4: what a peer can put into the dashboard's history is bounded by bytes,
 * and a timestamp JSON cannot show does not lose the message.
 */
class DashboardFeedTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
  @Test
  void megabyteUtteranceIdsInEveryReplyChunkKeepTheRetainedHistoryWithinItsBudget() {
    DashboardFeed feed = new DashboardFeed(vertx.getOrCreateContext());
    String hugeId = "u".repeat(1 << 20);
    for (int i = 0; i < 400; i++) { // more than the 300 events kept by count
      feed.onTranscript("reply", Reply.newBuilder().setSessionId("s").setUtteranceId(hugeId).setChunkIndex(i)
          .setText("chunk " + i).build());
      assertTrue(feed.retainedBytes() <= DashboardFeed.MAX_RETAINED_BYTES, "after " + i + ": " + feed.retainedBytes());
    }
    // Cut at 128 chars: 300 events of well under a kilobyte each, not 300 megabytes.
    assertTrue(feed.retainedBytes() < 600_000, "retained " + feed.retainedBytes());
  }

  @Test
  void utterancesOfMegabytesOfControlCharactersAreCutBeforeTheyBecomeJson() {
    DashboardFeed feed = new DashboardFeed(vertx.getOrCreateContext());
    String control = "\u0001".repeat(7 << 20); // 6 JSON characters each: 42 MB of JSON uncut
    for (int i = 0; i < 40; i++) {
      feed.onTranscript("utterance", VoiceUtterance.newBuilder().setSessionId("s").setUtteranceId("u" + i)
          .setText(control).build());
    }
    assertEquals(0, feed.eventsOmitted());
    long perEvent = 2L * 6 * DashboardJson.MAX_TEXT_CHARS + 4096;
    assertTrue(feed.retainedBytes() <= 40 * perEvent, "retained " + feed.retainedBytes());
    assertTrue(feed.retainedBytes() <= DashboardFeed.MAX_RETAINED_BYTES);
  }

  @Test
  void aFrameWhoseCaptureTimeIsOutOfRangeIsShownAsAnInvalidTime() {
    DashboardFeed feed = new DashboardFeed(vertx.getOrCreateContext());
    Timestamp absurd = Timestamp.newBuilder().setSeconds(1L << 40).build();
    DetectionSet set = DetectionSet.newBuilder().setTask("occupancy").setFrame(FrameRef.newBuilder()
        .setCameraId("cabin").setSequence(7).setCaptureTime(absurd)).build();
    feed.onDetections(set); // threw IllegalArgumentException ("Timestamp is not valid") before
    feed.onTranscript("reply", Reply.newBuilder().setSessionId("s").setUtteranceId("u").setTime(
        Timestamp.newBuilder().setSeconds(1).setNanos(-5)).build());
    String json = DashboardJson.print(set);
    JsonObject o = new JsonObject(json);
    assertEquals("invalid time (seconds=1099511627776, nanos=0)", o.getJsonObject("frame").getString("captureTime"));
    assertEquals("cabin", o.getJsonObject("frame").getString("cameraId"));
    assertTrue(feed.retainedBytes() > 0);
  }

  @Test
  void framesAreHeldWithinTheirByteBudget() {
    DashboardFeed feed = new DashboardFeed(vertx.getOrCreateContext());
    ByteString eightMb = ByteString.copyFrom(new byte[8 << 20]);
    for (int cam = 0; cam < DashboardFeed.MAX_CAMERAS; cam++) {
      feed.offerFrame(CameraFrame.newBuilder().setCameraId("c" + cam).setData(eightMb).build());
      assertTrue(feed.frameBytes() <= DashboardFeed.MAX_FRAME_BYTES, "frames " + feed.frameBytes());
    }
    assertTrue(feed.framesNotShown() > 0, "frames over the budget are not held");
  }

  @Test
  void anAlertCarryingAVehicleStateOfTwentyThousandDoorsIsOmittedWithoutBeingPrinted() {
    // What the fault suite's fuzz made: perception's Alert carries the last VehicleState, a peer's of 20 000
    // doors; printing it to JSON by reflection held the event loop for ~10 s before it was omitted anyway.
    VehicleState.Builder v = VehicleState.newBuilder();
    for (int i = 0; i < 20_000; i++) {
      v.addDoors(DoorState.newBuilder().setDoor(Door.newBuilder().setRow(i + 1)).setIsOpen(true));
    }
    Alert alert = Alert.newBuilder().setAlertId("a").setVehicleState(v).build();
    DashboardJson.Printed p = DashboardJson.print(alert, DashboardFeed.MAX_EVENT_CHARS);
    assertEquals("bytes", p.unit(), "decided from the encoded size, before printing");
    assertTrue(p.size() > DashboardFeed.MAX_EVENT_CHARS);
    assertTrue(DashboardJson.print(alert).length() > DashboardFeed.MAX_EVENT_CHARS, "its JSON would not fit either");
    DashboardFeed feed = new DashboardFeed(vertx.getOrCreateContext());
    feed.onAlert(alert);
    assertEquals(1, feed.eventsOmitted());
    Alert small = Alert.newBuilder().setAlertId("b").setVehicleState(VehicleState.newBuilder().addDoors(
        DoorState.newBuilder().setIsOpen(true))).build();
    assertTrue(DashboardJson.print(small, DashboardFeed.MAX_EVENT_CHARS).fits());
  }
}
