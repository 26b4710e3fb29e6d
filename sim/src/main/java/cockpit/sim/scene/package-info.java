/**
 * Deterministic synthetic camera images whose pixels show every ground-truth field: a
 * {@link cockpit.sim.scene.Scene} (a {@link cockpit.sim.scene.CabinScene} — seats, occupants, belts,
 * objects, the driver's gaze, eyes and mouth — or an {@link cockpit.sim.scene.ExteriorScene} — street or
 * car park, road users facing the car or not, signs with text) plus a seed renders the same pixels every
 * time ({@link cockpit.sim.scene.SceneRenderer}); the seed only varies pose, colours, lighting response
 * and noise. {@link cockpit.sim.scene.GroundTruth} says what the image shows, field by field with boxes,
 * and as Detection-vocabulary {@link cockpit.sim.scene.Label}s; {@link cockpit.sim.scene.FrameEncoder}
 * turns the image into a CameraFrame in any encoding. Layouts, conventions and the legibility checks:
 * sim/README.md.
 */
package cockpit.sim.scene;
