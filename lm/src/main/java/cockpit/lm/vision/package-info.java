/**
 * Image features shared by everyone who asks for them: {@link cockpit.lm.vision.FeatureCache} runs the
 * vision encoder once per frame ({@link cockpit.lm.vision.FrameKey}) however many perception tasks and
 * dialogue turns want that frame, and counts the runs.
 */
package cockpit.lm.vision;
