/**
 * Deterministic synthetic camera images with ground truth: a {@link cockpit.sim.scene.Scene} (cabin
 * seats, occupants, belts, objects, driver head and eyes; or an exterior view with a road user) plus a
 * seed renders the same pixels every time ({@link cockpit.sim.scene.SceneRenderer}); the labels say
 * what the image shows in the DetectionSet vocabulary ({@link cockpit.sim.scene.GroundTruth}), and
 * {@link cockpit.sim.scene.FrameEncoder} turns the image into a CameraFrame in any encoding.
 */
package cockpit.sim.scene;
