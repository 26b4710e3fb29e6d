package cockpit.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.generate.ConstrainedDecoder;
import cockpit.lm.generate.JsonSchemaGrammar;
import cockpit.lm.generate.SamplingOptions;
import cockpit.lm.generate.TokenBytes;
import cockpit.lm.generate.TokenMasks;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token trace of {@link Generation} on the random-weight tiny model: each recorded probability is the
 * softmax of the model's logits over the allowed ids, recomputed here by replaying the tokens in a fresh
 * state with plain loops; forced steps are those with one allowed token (the generated vocabulary is
 * single bytes).
 */
class GenerationTraceTest {
  static LanguageModel model;

  @BeforeAll
  static void load() throws Exception {
    model = TinyModel.model();
  }

  @Test
  void tracedProbabilitiesAreTheMaskedSoftmaxAndForcedStepsHaveOneChoice() {
    TokenMasks masks = new TokenMasks(JsonSchemaGrammar.compile(ConstrainedModelPropertyTest.SEATS),
        TokenBytes.vocabulary(model.tokenizer(), model.chat().imEnd()));
    int[] prompt = prompt();
    for (SamplingOptions sampling : List.of(SamplingOptions.greedy(),
        SamplingOptions.defaults().withTemperature(1.0).withMinP(0).withSeed(5))) {
      ConstrainedDecoder constraint = masks.newDecoder();
      GenerationResult r = generate(prompt, new GenerationRequest(
          sampling.withMaxNewTokens((int) constraint.tokenBudget()), constraint, true));
      assertEquals(FinishReason.STOP, r.reason(), r.text());
      List<SampledToken> trace = r.tokens();
      assertEquals(r.completionTokens() + 1, trace.size(), "every token and the end of turn");
      assertEquals(model.chat().imEnd(), trace.getLast().id());

      ConstrainedDecoder replay = masks.newDecoder();
      int forced = 0;
      try (DecoderState st = model.decoder().newState()) {
        float[] logits = model.decoder().prefill(st, model.decoder().embed(prompt), prompt.length, null);
        for (SampledToken t : trace) {
          BitSet allowed = replay.allowed();
          assertEquals(allowed.cardinality() == 1, t.forced(), "step " + t);
          assertEquals(softmaxOver(logits, allowed, t.id()), t.probability(), 1e-5, "step " + t);
          assertTrue(t.probability() > 0 && t.probability() <= 1, t.toString());
          forced += t.forced() ? 1 : 0;
          replay.accept(t.id());
          if (t.id() != model.chat().imEnd()) {
            logits = model.decoder().decode(st, t.id(), null);
          }
        }
      }
      assertTrue(forced > 0 && forced < trace.size(), forced + " forced of " + trace.size());
    }
  }

  @Test
  void freeTextTraceIsOverTheWholeVocabularyAndNothingIsForced() {
    GenerationResult r = generate(prompt(), new GenerationRequest(SamplingOptions.greedy().withMaxNewTokens(6), null,
        true));
    assertEquals(r.completionTokens() + (r.reason() == FinishReason.STOP ? 1 : 0), r.tokens().size());
    try (DecoderState st = model.decoder().newState()) {
      int[] prompt = prompt();
      float[] logits = model.decoder().prefill(st, model.decoder().embed(prompt), prompt.length, null);
      BitSet all = new BitSet();
      all.set(0, logits.length);
      SampledToken first = r.tokens().getFirst();
      assertFalse(first.forced());
      assertEquals(softmaxOver(logits, all, first.id()), first.probability(), 1e-5);
    }
    assertTrue(r.tokens().stream().noneMatch(SampledToken::forced));
  }

  @Test
  void untracedGenerationRecordsNothing() {
    GenerationResult r = generate(prompt(), new GenerationRequest(SamplingOptions.greedy().withMaxNewTokens(4), null));
    assertTrue(r.completionTokens() > 0);
    assertTrue(r.tokens().isEmpty());
  }

  private static GenerationResult generate(int[] prompt, GenerationRequest request) {
    try (DecoderState st = model.decoder().newState(); CancelHandle cancel = new CancelHandle()) {
      float[] logits = model.decoder().prefill(st, model.decoder().embed(prompt), prompt.length, null);
      return new Generation(model).run(st, logits, request, cancel, s -> { }, new Generation.Timing(System.nanoTime()));
    }
  }

  private static int[] prompt() {
    int[] a = model.chat().start("Reply with JSON only.");
    int[] b = model.chat().userTurn("Who sits where?");
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** exp(l[token]) / Σ exp(l[i]) over the allowed ids, in plain double loops. */
  private static double softmaxOver(float[] logits, BitSet allowed, int token) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = allowed.nextSetBit(0); i >= 0; i = allowed.nextSetBit(i + 1)) {
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    for (int i = allowed.nextSetBit(0); i >= 0; i = allowed.nextSetBit(i + 1)) {
      sum += Math.exp(logits[i] - max);
    }
    return Math.exp(logits[token] - max) / sum;
  }
}
