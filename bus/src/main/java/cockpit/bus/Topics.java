package cockpit.bus;

import static cockpit.bus.zenoh.CongestionControl.BLOCK;
import static cockpit.bus.zenoh.CongestionControl.DROP;
import static cockpit.bus.zenoh.Priority.DATA;
import static cockpit.bus.zenoh.Priority.DATA_HIGH;
import static cockpit.bus.zenoh.Priority.INTERACTIVE_HIGH;
import static cockpit.bus.zenoh.Priority.INTERACTIVE_LOW;
import static cockpit.bus.zenoh.Priority.REALTIME;
import static cockpit.bus.zenoh.Reliability.BEST_EFFORT;
import static cockpit.bus.zenoh.Reliability.RELIABLE;

import cockpit.bus.Topic.Delivery;
import cockpit.bus.Topic.Direction;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.PerceptionRequest;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.SessionControl;
import cockpit.proto.v1.VehicleState;
import cockpit.proto.v1.VoiceUtterance;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;

/**
 * The topic table: every key expression the component uses, with its message type, QoS and
 * event-bus address. README's topic table is this class written out; change both together.
 */
public final class Topics {
  private Topics() {}

  private static <M extends Message> Map<String, String> none(M m) {
    return Map.of();
  }

  public static final Topic<CameraFrame> CAMERA = new Topic<>("camera",
      "vehicle/{vin}/cabin/camera/{camera}", CameraFrame.class, CameraFrame.parser(), Direction.INBOUND,
      Delivery.KEEP_LATEST, new Qos(DATA, DROP, false, BEST_EFFORT), "cockpit.in.camera", Topics::none,
      List.of(IdField.of("camera_id", false, CameraFrame::getCameraId)));

  public static final Topic<VoiceUtterance> VOICE = new Topic<>("voice",
      "vehicle/{vin}/cabin/voice/{seat}", VoiceUtterance.class, VoiceUtterance.parser(), Direction.INBOUND,
      Delivery.IN_ORDER, new Qos(INTERACTIVE_HIGH, BLOCK, true, RELIABLE), "cockpit.in.voice", Topics::none,
      List.of(IdField.of("session_id", true, VoiceUtterance::getSessionId),
          IdField.of("utterance_id", false, VoiceUtterance::getUtteranceId),
          IdField.repeated("attach_cameras", VoiceUtterance::getAttachCamerasList),
          IdField.repeated("images.camera_id", u -> u.getImagesList().stream().map(CameraFrame::getCameraId)
              .toList())));

  public static final Topic<VehicleState> VEHICLE_STATE = new Topic<>("vehicle-state",
      "vehicle/{vin}/state", VehicleState.class, VehicleState.parser(), Direction.INBOUND,
      Delivery.IN_ORDER, new Qos(DATA_HIGH, BLOCK, false, RELIABLE), "cockpit.in.vehicle-state", Topics::none, List.of());

  public static final Topic<SessionControl> SESSION_CONTROL = new Topic<>("session-control",
      "vehicle/{vin}/cockpit/sessions/{session}/control", SessionControl.class, SessionControl.parser(),
      Direction.INBOUND, Delivery.IN_ORDER, new Qos(INTERACTIVE_LOW, BLOCK, false, RELIABLE),
      "cockpit.in.session-control", Topics::none,
      List.of(IdField.of("session_id", true, SessionControl::getSessionId)));

  public static final Topic<PerceptionRequest> PERCEPTION_REQUEST = new Topic<>("perception-request",
      "vehicle/{vin}/cockpit/requests/perception", PerceptionRequest.class, PerceptionRequest.parser(),
      Direction.INBOUND, Delivery.IN_ORDER, new Qos(INTERACTIVE_LOW, BLOCK, false, RELIABLE),
      "cockpit.in.perception-request", Topics::none,
      List.of(IdField.of("request_id", false, PerceptionRequest::getRequestId),
          IdField.repeated("camera_ids", PerceptionRequest::getCameraIdsList)));

  public static final Topic<DetectionSet> DETECTIONS = new Topic<>("detections",
      "vehicle/{vin}/cockpit/detections/{camera}", DetectionSet.class, DetectionSet.parser(),
      Direction.OUTBOUND, Delivery.IN_ORDER, new Qos(DATA_HIGH, DROP, false, RELIABLE), "cockpit.out.detections",
      d -> Map.of("camera", d.getFrame().getCameraId()), List.of());

  public static final Topic<Alert> ALERTS = new Topic<>("alerts",
      "vehicle/{vin}/cockpit/alerts", Alert.class, Alert.parser(), Direction.OUTBOUND, Delivery.IN_ORDER,
      new Qos(REALTIME, BLOCK, true, RELIABLE), "cockpit.out.alerts", Topics::none, List.of());

  public static final Topic<Reply> REPLIES = new Topic<>("replies",
      "vehicle/{vin}/cockpit/replies/{session}", Reply.class, Reply.parser(), Direction.OUTBOUND,
      Delivery.IN_ORDER, new Qos(INTERACTIVE_HIGH, BLOCK, true, RELIABLE), "cockpit.out.replies",
      Topics::replyParams, List.of());

  public static final Topic<ErrorReport> ERRORS = new Topic<>("errors",
      "vehicle/{vin}/cockpit/errors", ErrorReport.class, ErrorReport.parser(), Direction.OUTBOUND,
      Delivery.IN_ORDER, new Qos(DATA, BLOCK, false, RELIABLE), "cockpit.out.errors", Topics::none, List.of());

  /** Queryable answering {@link cockpit.proto.v1.ComponentStatus}. */
  public static final String STATUS = "vehicle/{vin}/cockpit/status";

  /**
   * Queryable answering a dialogue session's {@link cockpit.proto.v1.SessionTranscript} (its messages and
   * the exact prompt its state holds, as of its last completed turn): a debug and inspection path. A get
   * must name one session; an unknown or invalid one gets an error reply.
   */
  public static final String SESSION_TRANSCRIPT = "vehicle/{vin}/cockpit/sessions/{session}/transcript";

  /** Event-bus address the bridge asks for a transcript on (body: the session id; reply: SessionTranscript). */
  public static final String SESSION_TRANSCRIPT_ADDRESS = "cockpit.query.session-transcript";

  /** Liveliness token held while the component runs. */
  public static final String ALIVE = "vehicle/{vin}/cockpit/alive";

  /** Every message topic, inbound first. */
  public static final List<Topic<?>> ALL =
      List.of(CAMERA, VOICE, VEHICLE_STATE, SESSION_CONTROL, PERCEPTION_REQUEST, DETECTIONS, ALERTS, REPLIES, ERRORS);

  /**
   * A Reply's key parameters: its session, or {@link BusIds#REFUSED_CHUNK} when the session id cannot
   * form a key (the error Reply to such a sender still goes out, on {@code replies/~refused}).
   */
  private static Map<String, String> replyParams(Reply r) {
    return Map.of("session", BusIds.isValid(r.getSessionId()) ? r.getSessionId() : BusIds.REFUSED_CHUNK);
  }

  /** {@link #STATUS} or {@link #ALIVE} for a vehicle. */
  public static String forVin(String template, String vin) {
    BusIds.problem(vin).ifPresent(p -> {
      throw new IllegalArgumentException("vin " + BusIds.quote(vin) + " cannot be a key chunk: " + p);
    });
    return template.replace("{vin}", vin);
  }
}
