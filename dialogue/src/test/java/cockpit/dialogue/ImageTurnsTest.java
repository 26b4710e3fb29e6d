package cockpit.dialogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.context.ContextSource;
import cockpit.dialogue.snapshot.SessionId;
import cockpit.dialogue.snapshot.Snapshot;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.CancelHandle;
import cockpit.lm.DecoderState;
import cockpit.lm.GenerationResult;
import cockpit.lm.LanguageModel;
import cockpit.lm.TinyModel;
import cockpit.lm.VisionEncoder;
import cockpit.lm.generate.SamplingOptions;
import cockpit.proto.v1.CameraFrame;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Turns that carry images: the carried state equals one re-prefill of the whole conversation with its
 * images, a snapshot restores it exactly, and compaction keeps the images of the exchanges it keeps.
 */
class ImageTurnsTest {
  static VisionEncoder encoder;

  @BeforeAll
  static void open() throws Exception {
    encoder = TinyModel.model().openVisionEncoder();
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  static Turns turns(LanguageModel model, Path dir, TestImages images, SamplingOptions sampling) throws Exception {
    DialogueOptions o = DialogueOptions.defaults(dir).withSampling(sampling);
    return new Turns(model, o, new SnapshotStore(dir), new Grounding(ContextSource.NONE, images, ZoneOffset.UTC,
        false), Clock.systemUTC(), (kind, id, message) -> { });
  }

  static DialogueSession session(LanguageModel model, Turns t, String id, SamplingOptions sampling)
      throws Exception {
    DialogueSession s = new DialogueSession(SessionId.tryFrom(id), "You see the car's cameras.", sampling,
        Instant.now());
    s.state = model.decoder().newState();
    t.start(s.state, s.systemPrompt);
    return s;
  }

  static GenerationResult say(Turns t, DialogueSession s, String text, List<String> cameras,
      List<CameraFrame> own) throws Exception {
    try (CancelHandle c = new CancelHandle()) {
      return t.run(s, new TurnRequest(s.id.value(), text, null, cameras, own), c, x -> { });
    }
  }

  /** Logits after feeding {@code probe} on {@code st}. */
  static float[] probe(LanguageModel m, DecoderState st) {
    int[] probe = m.chat().userTurn("and now?");
    return m.decoder().prefill(st, m.decoder().embed(probe), probe.length, null);
  }

  /** One prefill of the system block and every message in context, images from {@code features}. */
  static float[] rePrefill(LanguageModel m, DialogueSession s, List<float[]> features) {
    List<Integer> ids = new ArrayList<>();
    for (int id : m.chat().start(s.systemPrompt)) {
      ids.add(id);
    }
    s.transcript.subList(s.firstInContext, s.transcript.size()).forEach(t -> ids.addAll(t.ids()));
    int[] all = ids.stream().mapToInt(Integer::intValue).toArray();
    try (DecoderState st = m.decoder().newState()) {
      m.decoder().prefill(st, Prompt.embeds(m, all, features), all.length, null);
      assertEquals(s.state.position(), st.position(), "the recorded ids are exactly what the state holds");
      return probe(m, st);
    }
  }

  static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 2e-4 * Math.max(1, Math.abs(expected[i])), what + " logit " + i);
    }
  }

  @Test
  void twoImageTurnsAmongTextTurnsCarriedEqualOneRePrefillAndTheSnapshotRestoresThem(@TempDir Path dir)
      throws Exception {
    LanguageModel m = TinyModel.model();
    SamplingOptions greedy = SamplingOptions.greedy().withMaxNewTokens(8);
    TestImages images = new TestImages(encoder).frame("cabin", 41).frame("exterior", 7);
    Turns t = turns(m, dir, images, greedy);
    DialogueSession s = session(m, t, "seeing", greedy);
    CameraFrame own = CameraFrame.newBuilder().setCameraId("phone").setSequence(3).build();
    say(t, s, "hello", List.of(), List.of());
    say(t, s, "what is on the back seat?", List.of("cabin"), List.of());
    say(t, s, "thanks", List.of(), List.of());
    say(t, s, "and outside, and this photo?", List.of("exterior"), List.of(own));
    say(t, s, "ok", List.of(), List.of());

    assertEquals(10, s.transcript.size());
    assertEquals(List.of(new Snapshot.Image("camera cabin #41", encoder.tokens())), s.transcript.get(2).images());
    assertEquals(List.of(new Snapshot.Image("camera exterior #7", encoder.tokens()),
        new Snapshot.Image("image phone #3", encoder.tokens())), s.transcript.get(6).images());
    List<float[]> expected = List.of(images.expected("cabin", 41), images.expected("exterior", 7),
        images.expected("utterance", 3));
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(expected.get(i), s.features.get(i), "features of image " + i);
    }
    String prompt = t.prompt(s.systemPrompt, s.transcript, s.firstInContext);
    assertEquals(3, prompt.split("<\\|image_start\\|>", -1).length - 1, prompt);
    assertEquals(3 * encoder.tokens(), prompt.split("<image>", -1).length - 1);

    float[] oracle = rePrefill(m, s, expected);
    float[] restoredLogits;
    try (DecoderState restored = m.decoder().newState()) {
      byte[][] features = new byte[1][];
      new SnapshotStore(dir).load(s.id, m.fingerprint(), ch -> features[0] = SessionSnapshots.read(ch, restored));
      assertEquals(3L * encoder.tokens() * m.decoder().config().hiddenSize() * 4, features[0].length);
      restoredLogits = probe(m, restored);
    }
    float[] carried = probe(m, s.state);
    assertArrayEquals(carried, restoredLogits, "restored from the snapshot = carried, exactly");
    assertClose(oracle, carried, "carried turn by turn vs one re-prefill");
  }

  @Test
  void compactionKeepsTheImagesOfTheExchangesItKeepsAndRebuildsThemExactly(@TempDir Path dir) throws Exception {
    LanguageModel m = ShortContextModel.of(CompactionConvergesTest.CONTEXT);
    SamplingOptions sampled = SamplingOptions.defaults().withSeed(5).withTemperature(1.2f).withMaxNewTokens(40);
    TestImages images = new TestImages(encoder);
    Turns t = turns(m, dir, images, sampled);
    DialogueSession s = session(m, t, "compacting", sampled);
    int turn = 0;
    boolean compacted = false;
    while (!compacted && turn < 30) {
      images.frame("cabin", turn);
      List<String> cameras = turn % 2 == 0 ? List.of("cabin") : List.of();
      compacted = say(t, s, "look at the cabin, turn " + turn, cameras, List.of()).compacted();
      turn++;
    }
    assertTrue(compacted, "the conversation crossed the context");
    List<Snapshot.Image> kept = new ArrayList<>();
    s.transcript.subList(s.firstInContext, s.transcript.size()).forEach(x -> kept.addAll(x.images()));
    long all = s.transcript.stream().mapToLong(x -> x.images().size()).sum();
    assertTrue(!kept.isEmpty() && kept.size() < all, "some images were dropped with their exchanges, the recent"
        + " ones kept: " + kept.size() + " of " + all);
    assertEquals(kept.size(), s.features.size(), "features are kept for exactly the images in context");
    assertTrue(s.transcript.subList(0, s.firstInContext).stream().allMatch(x -> x.ids().isEmpty()));
    List<float[]> expected = kept.stream().map(i -> images.expected("cabin",
        Long.parseLong(i.source().replaceFirst("^camera cabin #", "")))).toList();
    String prompt = t.prompt(s.systemPrompt, s.transcript, s.firstInContext);
    assertEquals(kept.size(), prompt.split("<\\|image_start\\|>", -1).length - 1, prompt);

    float[] oracle = rePrefill(m, s, expected);
    float[] restoredLogits;
    try (DecoderState restored = m.decoder().newState()) {
      byte[][] features = new byte[1][];
      Snapshot sn = new SnapshotStore(dir).load(s.id, m.fingerprint(),
          ch -> features[0] = SessionSnapshots.read(ch, restored)).orElseThrow().snapshot();
      DialogueSession back = new DialogueSession(s.id, "", sampled, Instant.now());
      SessionSnapshots.restore(back, sn, features[0], m.decoder().config().hiddenSize());
      assertEquals(s.firstInContext, back.firstInContext);
      for (int i = 0; i < expected.size(); i++) {
        assertArrayEquals(s.features.get(i), back.features.get(i));
      }
      restoredLogits = probe(m, restored);
    }
    float[] carried = probe(m, s.state);
    assertArrayEquals(carried, restoredLogits, "restored from the snapshot = carried, exactly");
    assertClose(oracle, carried, "carried after compaction vs one re-prefill of the kept messages");
  }

  @Test
  void aSessionEvictedToItsSnapshotBetweenImageTurnsContinuesExactlyAsInMemory(@TempDir Path a, @TempDir Path b)
      throws Exception {
    SamplingOptions greedy = SamplingOptions.greedy().withMaxNewTokens(10);
    TestImages images = new TestImages(encoder).frame("cabin", 3).frame("exterior", 4);
    List<TurnRequest> turns = List.of(new TurnRequest("v", "what do you see?", null, List.of("cabin"), List.of()),
        new TurnRequest("v", "and outside?", null, List.of("exterior"), List.of()),
        TurnRequest.text("v", "compare the two"));
    List<String> inMemory = new ArrayList<>();
    List<String> evicted = new ArrayList<>();
    try (SessionManager m = manager(a, 4, greedy, images)) {
      for (TurnRequest r : turns) {
        inMemory.add(m.turn(r, x -> { }).get(120, java.util.concurrent.TimeUnit.SECONDS).text());
      }
    }
    try (SessionManager m = manager(b, 1, greedy, images)) {
      for (TurnRequest r : turns) {
        evicted.add(m.turn(r, x -> { }).get(120, java.util.concurrent.TimeUnit.SECONDS).text());
        m.turn("other", "hi", x -> { }).get(120, java.util.concurrent.TimeUnit.SECONDS); // evicts v to disk
      }
      SessionInspection v = m.inspect("v").get(120, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(2, v.prompt().split("<\\|image_start\\|>", -1).length - 1);
      assertEquals(List.of("camera cabin #3"), v.transcript().get(0).images().stream().map(Snapshot.Image::source)
          .toList());
    }
    assertEquals(inMemory, evicted);
  }

  static SessionManager manager(Path dir, int sessions, SamplingOptions sampling, TestImages images)
      throws Exception {
    DialogueOptions o = DialogueOptions.defaults(dir).withLimits(sessions, 1L << 30).withSampling(sampling);
    return new SessionManager(TinyModel.model(), o, new SnapshotStore(dir), TinyModel.executor(), Clock.systemUTC(),
        (kind, session, message) -> { throw new AssertionError(kind + " " + message); },
        new Grounding(ContextSource.NONE, images, ZoneOffset.UTC, false));
  }
}
