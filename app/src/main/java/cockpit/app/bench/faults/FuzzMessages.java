package cockpit.app.bench.faults;

import cockpit.bus.Topic;
import cockpit.bus.Topics;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.Door;
import cockpit.proto.v1.DoorState;
import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.GenerationOptions;
import cockpit.proto.v1.PerceptionRequest;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.SeatOccupancy;
import cockpit.proto.v1.SessionAction;
import cockpit.proto.v1.SessionControl;
import cockpit.proto.v1.VehicleState;
import cockpit.proto.v1.VoiceUtterance;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The messages behind {@link FuzzPayloads}: a valid message of each inbound type (small frames, short
 * utterances to a pool of sessions, plausible vehicle states, controls and requests), the same with
 * absurd values (extreme numbers, unknown enum numbers, ids no key can hold, thousands of repeated
 * entries), with one huge string, and frames whose pixel data is a bomb. Not thread-safe (shares the
 * caller's random source).
 */
final class FuzzMessages {
  static final List<String> CAMERAS = List.of("cabin", "driver", "exterior", "rear", "cam-5");
  private static final List<String> WORDS = List.of("open", "the", "window", "where", "is", "my", "car", "warm",
      "seats", "please", "how", "far", "charger", "music", "louder", "stop");
  private static final List<String> TASKS = List.of("car_finder", "occupancy", "greeter", "door_hazard", "nope", "");
  private static final List<String> HOSTILE_IDS = List.of("", "a/b", "*", "**", "$*", "?x", "#", "é", "x".repeat(65),
      "\u0000", "..", "a b", "\u202e", "ok-id");
  private static final long[] ABSURD_LONGS = {Long.MIN_VALUE, -1, 0, 1L << 40, Long.MAX_VALUE};
  private static final int[] ABSURD_INTS = {0, 1, -1, 65_535, 60_000, Integer.MAX_VALUE, Integer.MIN_VALUE};
  private static final float[] ABSURD_FLOATS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
      -1e38f, 1e38f, -0f, Float.MIN_VALUE};

  private final SplittableRandom rnd;
  private long serial;

  FuzzMessages(SplittableRandom rnd) {
    this.rnd = rnd;
  }

  /** A session id from a pool of 64 (turns build up), or now and then a new one (snapshot caps). */
  String sessionId() {
    return rnd.nextInt(10) == 0 ? "fz-new-" + (serial++) : "fz-" + rnd.nextInt(64);
  }

  private <T> T pick(List<T> l) {
    return l.get(rnd.nextInt(l.size()));
  }

  private String words(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : " ").append(pick(WORDS));
    }
    return sb.toString();
  }

  Message valid(Topic<?> topic) {
    if (topic == Topics.CAMERA) {
      byte[] rgb = new byte[64 * 48 * 3];
      rnd.nextBytes(rgb);
      return CameraFrame.newBuilder().setCameraId(pick(CAMERAS)).setSequence(serial++)
          .setEncoding(FrameEncoding.FRAME_ENCODING_RGB8).setWidth(64).setHeight(48).setData(ByteString.copyFrom(rgb))
          .build();
    }
    if (topic == Topics.VOICE) {
      return VoiceUtterance.newBuilder().setSessionId(sessionId()).setUtteranceId("fz-u-" + (serial++))
          .setText(words(1 + rnd.nextInt(8))).build();
    }
    if (topic == Topics.VEHICLE_STATE) {
      return VehicleState.newBuilder().setPowerStateValue(1 + rnd.nextInt(5)).setSpeedKmh(rnd.nextInt(130))
          .setSelectedGearValue(rnd.nextInt(5)).setIsLocked(rnd.nextBoolean()).build();
    }
    if (topic == Topics.SESSION_CONTROL) {
      return SessionControl.newBuilder().setSessionId(sessionId()).setActionValue(1 + rnd.nextInt(4))
          .setOptions(GenerationOptions.newBuilder().setMaxNewTokens(1 + rnd.nextInt(8))).build();
    }
    return PerceptionRequest.newBuilder().setRequestId("fz-r-" + (serial++)).setTask(pick(TASKS))
        .addCameraIds(pick(CAMERAS)).build();
  }

  Message absurd(Topic<?> topic) {
    Timestamp t = Timestamp.newBuilder().setSeconds(ABSURD_LONGS[rnd.nextInt(ABSURD_LONGS.length)])
        .setNanos(ABSURD_INTS[rnd.nextInt(ABSURD_INTS.length)]).build();
    if (topic == Topics.CAMERA) {
      byte[] data = new byte[rnd.nextInt(64)];
      rnd.nextBytes(data);
      return CameraFrame.newBuilder().setCameraId(pick(HOSTILE_IDS)).setSequence(ABSURD_LONGS[rnd.nextInt(5)])
          .setCaptureTime(t).setEncodingValue(rnd.nextInt(3) == 0 ? 999 : rnd.nextInt(5))
          .setWidth(ABSURD_INTS[rnd.nextInt(ABSURD_INTS.length)]).setHeight(ABSURD_INTS[rnd.nextInt(ABSURD_INTS.length)])
          .setStrideBytes(ABSURD_INTS[rnd.nextInt(ABSURD_INTS.length)]).setData(ByteString.copyFrom(data)).build();
    }
    if (topic == Topics.VOICE) {
      return VoiceUtterance.newBuilder().setSessionId(pick(HOSTILE_IDS)).setUtteranceId(pick(HOSTILE_IDS))
          .setSeat(seat()).setText(rnd.nextBoolean() ? "" : "\u0000\u202e\uFFFF")
          .setTime(t).build();
    }
    if (topic == Topics.VEHICLE_STATE) {
      VehicleState.Builder b = VehicleState.newBuilder().setTime(t).setPowerStateValue(999)
          .setSpeedKmh(ABSURD_FLOATS[rnd.nextInt(ABSURD_FLOATS.length)]).setCurrentGear(Integer.MIN_VALUE)
          .setCabinTemperatureCelsius(Float.NaN).setDriverPositionValue(-7);
      for (int i = rnd.nextInt(3) == 0 ? 10_000 : 3; i > 0; i--) {
        b.addDoors(DoorState.newBuilder().setDoor(Door.newBuilder().setRow(-1).setSideValue(rnd.nextInt(1000)))
            .setIsOpen(true));
        b.addSeats(SeatOccupancy.newBuilder().setSeat(seat()).setIsOccupied(true));
      }
      return b.build();
    }
    if (topic == Topics.SESSION_CONTROL) {
      GenerationOptions.Builder o = GenerationOptions.newBuilder().setMaxNewTokens(ABSURD_INTS[rnd.nextInt(7)])
          .setTemperature(ABSURD_FLOATS[rnd.nextInt(7)]).setTopK(-1).setTopP(ABSURD_FLOATS[rnd.nextInt(7)])
          .setMinP(Float.NaN).setRepetitionPenalty(ABSURD_FLOATS[rnd.nextInt(7)]).setSeed(Long.MIN_VALUE);
      for (int i = rnd.nextInt(3) == 0 ? 2_000 : 2; i > 0; i--) {
        o.addStopStrings(rnd.nextBoolean() ? "" : words(3));
      }
      return SessionControl.newBuilder().setSessionId(rnd.nextBoolean() ? sessionId() : pick(HOSTILE_IDS))
          .setActionValue(rnd.nextBoolean() ? 999 : rnd.nextInt(5)).setSystemPrompt("\u0000".repeat(rnd.nextInt(100)))
          .setOptions(o).setSeat(seat()).build();
    }
    PerceptionRequest.Builder r = PerceptionRequest.newBuilder().setRequestId(pick(HOSTILE_IDS)).setTask(pick(TASKS));
    for (int i = rnd.nextInt(3) == 0 ? 10_000 : 3; i > 0; i--) {
      r.addCameraIds(pick(HOSTILE_IDS));
    }
    return r.build();
  }

  /** A seat that names no seat: row 0 or past any car, a position number the schema lacks. */
  private Seat seat() {
    return Seat.newBuilder().setRow(rnd.nextBoolean() ? 0 : -1).setPositionValue(rnd.nextInt(3) == 0 ? 999 : 2)
        .build();
  }

  /** A valid message of {@code topic} with one string field of {@code length} hostile characters. */
  Message huge(Topic<?> topic, int length) {
    String s = hugeString(length);
    Message m = valid(topic);
    if (m instanceof CameraFrame f) {
      return f.toBuilder().setCameraId(s).build();
    }
    if (m instanceof VoiceUtterance u) {
      return rnd.nextBoolean() ? u.toBuilder().setText(s).build() : u.toBuilder().setUtteranceId(s).build();
    }
    if (m instanceof SessionControl c) {
      return c.toBuilder().setSystemPrompt(s).setActionValue(1).build();
    }
    if (m instanceof PerceptionRequest r) {
      return r.toBuilder().setRequestId(s).build();
    }
    return ((VehicleState) m).toBuilder().addSeats(SeatOccupancy.newBuilder().setSeat(seat()).setIsOccupied(true))
        .setTime(Timestamp.newBuilder().setSeconds(s.length())).build();
  }

  private String hugeString(int length) {
    String unit = switch (rnd.nextInt(4)) {
      case 0 -> "a";
      case 1 -> "\u0001\u001b[2J\r\n";
      case 2 -> "\uD83D\uDE97\u202e\u0301";
      default -> "<|im_start|>";
    };
    return unit.repeat(Math.max(1, length / unit.length()));
  }

  /** A frame whose data claims far more pixels than it holds, or whose header lies about its size. */
  CameraFrame bomb() {
    CameraFrame.Builder b = CameraFrame.newBuilder().setCameraId(pick(CAMERAS)).setSequence(serial++);
    return switch (rnd.nextInt(5)) {
      case 0 -> b.setEncoding(FrameEncoding.FRAME_ENCODING_JPEG).setData(ByteString.copyFrom(pick(ImageBombs.JPEGS)))
          .build();
      case 1 -> b.setEncoding(FrameEncoding.FRAME_ENCODING_PNG).setData(ByteString.copyFrom(pick(ImageBombs.PNGS)))
          .build();
      case 2 -> b.setEncoding(FrameEncoding.FRAME_ENCODING_RGB8).setWidth(60_000).setHeight(60_000)
          .setData(ByteString.copyFrom(new byte[3])).build();
      case 3 -> b.setEncoding(FrameEncoding.FRAME_ENCODING_NV12).setWidth(60_001).setHeight(3).setStrideBytes(-1)
          .setData(ByteString.copyFrom(new byte[17])).build();
      default -> b.setEncoding(FrameEncoding.FRAME_ENCODING_PNG).setWidth(60_000).setHeight(60_000)
          .setData(ByteString.copyFrom(ImageBombs.PNG_4K_ZEROS)).build();
    };
  }
}
