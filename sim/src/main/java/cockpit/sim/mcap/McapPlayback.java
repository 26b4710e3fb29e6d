package cockpit.sim.mcap;

import cockpit.bus.Topic;
import cockpit.bus.Topics;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.VoiceUtterance;
import cockpit.sim.replay.TimedInput;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a recording into replay inputs: the messages on inbound topics (camera, voice, vehicle state,
 * session control), re-keyed to {@code vin}, at their log-time offsets from the first of them.
 * Outputs the recording also holds are left out (the component under test produces its own).
 */
public final class McapPlayback {
  private McapPlayback() {}

  public static List<TimedInput> inputs(McapFile file, String vin) throws InvalidProtocolBufferException {
    List<TimedInput> out = new ArrayList<>();
    long first = -1;
    for (McapFile.Message m : file.messages()) {
      String key = file.channels().get(m.channelId()).topic();
      Optional<Topic<?>> topic = Topics.ALL.stream().filter(t -> t.direction() == Topic.Direction.INBOUND
          && t.match(key).isPresent()).findFirst().map(t -> (Topic<?>) t);
      if (topic.isEmpty()) {
        continue;
      }
      if (first < 0) {
        first = m.logTime();
      }
      Map<String, String> params = new LinkedHashMap<>(topic.get().match(key).orElseThrow());
      params.remove("vin");
      String correlation = "";
      if (topic.get() == Topics.CAMERA) {
        CameraFrame f = CameraFrame.parseFrom(m.data());
        correlation = TimedInput.frame(f.getCameraId(), f.getSequence());
      } else if (topic.get() == Topics.VOICE) {
        VoiceUtterance u = VoiceUtterance.parseFrom(m.data());
        correlation = TimedInput.say(u.getSessionId(), u.getUtteranceId());
      }
      out.add(new TimedInput(Duration.ofNanos(Math.max(0, m.logTime() - first)), "mcap-" + out.size(),
          topic.get().name(), topic.get(), topic.get().key(vin, params), m.data(), correlation));
    }
    return out;
  }
}
