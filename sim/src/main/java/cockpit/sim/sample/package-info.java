/**
 * Seeded random scenes for training and evaluation data: {@link cockpit.sim.sample.SceneSampler} draws
 * a cabin, street or car-park scene from a seed under a {@link cockpit.sim.sample.SceneConstraint}
 * (excluded or required {@link cockpit.sim.sample.Combination}s of {@link cockpit.sim.sample.SceneFacts}
 * attributes, or any predicate), and {@link cockpit.sim.sample.SampledScene#example} turns it into JPEG
 * bytes and ground truth. Everything is a pure function of its inputs.
 */
package cockpit.sim.sample;
