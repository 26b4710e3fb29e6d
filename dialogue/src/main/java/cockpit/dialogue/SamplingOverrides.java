package cockpit.dialogue;

import cockpit.lm.generate.SamplingOptions;
import cockpit.proto.v1.GenerationOptions;
import cockpit.proto.v1.SessionControl;

/** Applies the optional fields of a SessionControl's GenerationOptions over the defaults. */
final class SamplingOverrides {
  private SamplingOverrides() {}

  /**
   * @throws IllegalArgumentException naming the field when a value is out of range
   */
  static SamplingOptions apply(SessionManager sessions, SessionControl c) {
    SamplingOptions s = sessions.defaultSampling();
    if (!c.hasOptions()) {
      return s;
    }
    GenerationOptions o = c.getOptions();
    if (o.hasMaxNewTokens()) {
      s = s.withMaxNewTokens(o.getMaxNewTokens());
    }
    if (o.hasTemperature()) {
      s = s.withTemperature(o.getTemperature());
    }
    if (o.hasTopK()) {
      s = s.withTopK(o.getTopK());
    }
    if (o.hasTopP()) {
      s = s.withTopP(o.getTopP());
    }
    if (o.hasMinP()) {
      s = s.withMinP(o.getMinP());
    }
    if (o.hasRepetitionPenalty()) {
      s = s.withRepetitionPenalty(o.getRepetitionPenalty());
    }
    if (o.hasSeed()) {
      s = s.withSeed(o.getSeed());
    }
    if (o.getStopStringsCount() > 0) {
      s = s.withStopStrings(o.getStopStringsList());
    }
    return s;
  }
}
