/**
 * The encoder probe (issue 13): a backbone (the MobileNetV5-style encoder up to its token grid, or a
 * plain CNN baseline) with a small read-out head trained on rendered cabins to read seat occupants,
 * belts and the driver's eyes, to check that the encoder can learn before any long run.
 */
package cockpit.train.probe;
