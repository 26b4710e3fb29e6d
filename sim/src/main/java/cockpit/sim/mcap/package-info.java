/**
 * MCAP (mcap.dev specification, version 0) written and read in plain Java: {@link
 * cockpit.sim.mcap.McapWriter} (zstd-compressed chunks, message indexes, chunk indexes, summary with
 * schemas, channels and statistics, summary offsets, CRCs), {@link cockpit.sim.mcap.McapReader}
 * (verifies magic, CRCs and statistics), protobuf schemas as FileDescriptorSets ({@link
 * cockpit.sim.mcap.ProtoSchemas}), live bus recording ({@link cockpit.sim.mcap.McapRecorder}) and
 * playback inputs ({@link cockpit.sim.mcap.McapPlayback}). Checked against the official Python reader.
 */
package cockpit.sim.mcap;
