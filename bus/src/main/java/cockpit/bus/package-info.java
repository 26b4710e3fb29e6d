/**
 * Typed topics of the cockpit bus: the one topic table ({@link cockpit.bus.Topics}), key templates,
 * QoS and the protobuf codec. Knows Zenoh key expressions but nothing of Vert.x.
 */
package cockpit.bus;
