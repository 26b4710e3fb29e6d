/**
 * Perception: camera frames decoded and preprocessed for the vision encoder, a cheap change gate,
 * and alert rules over detections and vehicle state with an injected clock. (The VLM task path and
 * the perception verticle are the remaining part of issue #5.)
 */
package cockpit.perception;
