package cockpit.perception.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cockpit.lm.LanguageModel;
import cockpit.lm.TinyModel;
import cockpit.perception.TinyVision;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The runner's contract: one instance shared by every inference thread gives each frame the answer it gives
 * alone; and its prompt is the chat format's image turn, token for token the layout it used to build by hand.
 */
class TaskRunnerSharedTest {
  @Test
  void oneRunnerSharedByFourThreadsAnswersEachFrameAsItDoesAlone() throws Exception {
    TaskRunner runner = TinyVision.runner();
    List<PerceptionTask> tasks = List.of(PerceptionTasks.occupancy(), PerceptionTasks.driverMonitoring());
    List<CameraFrame> frames = new ArrayList<>();
    List<DetectionSet> alone = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      PerceptionTask task = tasks.get(i % 2);
      CameraFrame f = TaskRunnerTest.frame(task.cameras().iterator().next(), 700 + i);
      frames.add(f);
      alone.add(runner.run(task, f, TaskRunnerTest.decode(f)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<DetectionSet>> together = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        PerceptionTask task = tasks.get(i % 2);
        CameraFrame f = frames.get(i);
        together.add(pool.submit(() -> {
          go.await();
          return runner.run(task, f, TaskRunnerTest.decode(f));
        }));
      }
      go.countDown();
      for (int i = 0; i < 4; i++) {
        DetectionSet got = together.get(i).get(300, TimeUnit.SECONDS);
        assertEquals(alone.get(i).getDetectionsList(), got.getDetectionsList(), "frame " + i);
        assertEquals(alone.get(i).getFrame(), got.getFrame());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void thePromptIsTheChatFormatsImageTurnInTheFormerHandBuiltLayout() throws Exception {
    LanguageModel m = TinyModel.model();
    var chat = m.chat();
    var tok = m.tokenizer();
    var sp = m.config().tokens();
    PerceptionTask task = PerceptionTasks.occupancy();
    int n = TinyVision.encoder().tokens();
    int[] expected = IntStream.concat(IntStream.of(chat.start(TaskRunner.SYSTEM_PROMPT)), IntStream.of(chat.imStart()))
        .toArray();
    expected = concat(expected, tok.encode("user\n"), new int[] {sp.imageStart()},
        IntStream.generate(sp::image).limit(n).toArray(), new int[] {sp.imageEnd()}, tok.encodeUntrusted(task.prompt()),
        new int[] {chat.imEnd()}, chat.newline(), new int[] {chat.imStart()}, tok.encode("assistant\n"));
    assertArrayEquals(expected, TinyVision.runner().promptTokens(task));
  }

  private static int[] concat(int[]... parts) {
    return java.util.Arrays.stream(parts).flatMapToInt(IntStream::of).toArray();
  }
}
