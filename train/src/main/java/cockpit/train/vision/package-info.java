/**
 * The vision side of the trainer in DJL: {@link cockpit.train.vision.MobileNetVision} is the
 * MobileNetV5-style encoder + MSFA + connector with the ONNX graph's exact math.
 */
package cockpit.train.vision;
