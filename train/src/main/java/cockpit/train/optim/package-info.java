/** Optimisation: {@link cockpit.train.optim.AdamW} with gradient clipping, warm-up + cosine {@link cockpit.train.optim.Schedule}. */
package cockpit.train.optim;
