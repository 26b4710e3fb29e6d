package cockpit.lm;

import cockpit.lm.generate.ConstrainedDecoder;
import cockpit.lm.generate.Sampler;
import cockpit.lm.generate.StopStrings;
import cockpit.lm.text.StreamDecoder;
import cockpit.npu.runtime.ContextFullException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The decode loop shared by dialogue and perception: from the logits of a fed prompt, sample
 * (masked by a constraint when given), stream text chunks as they complete, stop on end of turn,
 * stop strings, the token budget, the context end or cancellation, then close the assistant turn
 * in the state ({@code <|im_end|>\n}) so the next turn starts from a consistent state. With
 * {@link GenerationRequest#traceTokens()} it also records each sampled token's probability and whether the
 * constraint forced it ({@link GenerationResult#tokens()}), from which perception computes its confidences.
 *
 * <p>Immutable and thread-safe: each {@link #run} keeps its own sampler, stream decoder and stop
 * strings; it runs on the caller's (inference) thread, one run per state at a time.
 */
public final class Generation {
  private final LanguageModel model;

  public Generation(LanguageModel model) {
    this.model = model;
  }

  /**
   * @param firstLogits logits after the prompt (the prompt is already in {@code state})
   * @param started System.nanoTime() when the turn started (for TTFT)
   * @param onChunk receives each newly completed piece of text, in order
   */
  public GenerationResult run(DecoderState state, float[] firstLogits, GenerationRequest req, CancelHandle cancel,
      Consumer<String> onChunk, Timing timing) {
    Decoder dec = model.decoder();
    int imEnd = model.chat().imEnd();
    Sampler sampler = new Sampler(req.sampling());
    ConstrainedDecoder constraint = req.constraint();
    StreamDecoder text = model.tokenizer().streamDecoder(true);
    StopStrings stops = new StopStrings(req.sampling().stopStrings());
    StringBuilder all = new StringBuilder();
    List<SampledToken> trace = new ArrayList<>();
    int[] generated = new int[req.sampling().maxNewTokens()];
    int n = 0;
    int fed = 0; // sampled tokens fed back into the state
    float[] logits = firstLogits;
    FinishReason reason = FinishReason.LENGTH;
    String error = null;
    long decodeStart = 0;
    int closing = model.chat().endAssistant().length;
    try {
      while (n < generated.length) {
        if (cancel.cancelled()) {
          reason = FinishReason.CANCELLED;
          break;
        }
        java.util.BitSet allowed = constraint == null ? null : constraint.allowed();
        int token = sampler.next(logits, allowed, java.util.Arrays.copyOf(generated, n));
        if (req.traceTokens()) {
          trace.add(new SampledToken(token, (float) Sampler.probability(logits, allowed, token),
              constraint != null && constraint.forced()));
        }
        if (n == 0) {
          timing.firstToken = System.nanoTime();
          decodeStart = timing.firstToken;
        }
        if (token == imEnd) {
          reason = FinishReason.STOP;
          break;
        }
        if (constraint != null) {
          constraint.accept(token);
        }
        generated[n++] = token;
        String piece = stops.append(text.push(token));
        emit(piece, all, onChunk);
        if (stops.stopped()) {
          reason = FinishReason.STOP_STRING;
          break;
        }
        if (state.position() + 1 + closing > state.capacity()) {
          reason = FinishReason.CONTEXT_FULL;
          break;
        }
        if (n < generated.length) {
          logits = dec.decode(state, token, cancel);
          fed = n;
        }
      }
    } catch (RuntimeException e) {
      if (cancel.cancelled()) {
        reason = FinishReason.CANCELLED; // the run was terminated mid-step; the state is at the last token
      } else if (e instanceof ContextFullException) {
        reason = FinishReason.CONTEXT_FULL;
      } else {
        reason = FinishReason.ERROR;
        error = e.getMessage();
      }
    }
    if (reason != FinishReason.ERROR && reason != FinishReason.STOP_STRING) {
      emit(stops.append(text.flush()), all, onChunk);
    }
    if (reason != FinishReason.STOP_STRING) {
      emit(stops.flush(), all, onChunk);
    }
    long decodeEnd = System.nanoTime();
    int[] end = closeTurn(state);
    int[] inState = java.util.Arrays.copyOf(generated, fed + end.length);
    System.arraycopy(end, 0, inState, fed, end.length);
    double decodeMs = decodeStart == 0 ? 0 : (decodeEnd - decodeStart) / 1e6;
    return new GenerationResult(reason, all.toString(), error, timing.promptTokens, n,
        timing.firstToken == 0 ? 0 : (timing.firstToken - timing.started) / 1e6, timing.prefillMs, decodeMs,
        state.position(), timing.compacted, inState, trace);
  }

  private static void emit(String piece, StringBuilder all, Consumer<String> onChunk) {
    if (piece != null && !piece.isEmpty()) {
      all.append(piece);
      onChunk.accept(piece);
    }
  }

  /**
   * Feeds {@code <|im_end|>\n} (never cancelled) so the state ends on a turn boundary.
   *
   * @return the ids fed, empty when the state had no room
   */
  private int[] closeTurn(DecoderState state) {
    int[] end = model.chat().endAssistant();
    if (state.position() + end.length > state.capacity()) {
      return new int[0]; // full: the next turn compacts
    }
    model.decoder().prefill(state, model.decoder().embed(end), end.length, null);
    return end;
  }

  /** Times of one turn, filled in as it runs. Not thread-safe. */
  public static final class Timing {
    final long started;
    long firstToken;
    double prefillMs;
    int promptTokens;
    boolean compacted;

    public Timing(long started) {
      this.started = started;
    }

    public void prefill(double ms, int tokens, boolean wasCompacted) {
      this.prefillMs = ms;
      this.promptTokens = tokens;
      this.compacted = wasCompacted;
    }
  }
}
