/**
 * Camera frames on their way to the vision encoder: {@link cockpit.perception.frame.FrameDecoder}
 * turns a {@code CameraFrame} into packed RGB, {@link cockpit.perception.frame.Preprocessor}
 * letterboxes it into the encoder's [3, S, S] input, and {@link cockpit.perception.frame.ChangeGate}
 * drops frames that show nothing new so the always-on path stays cheap. Pure Java, no native code.
 */
package cockpit.perception.frame;
