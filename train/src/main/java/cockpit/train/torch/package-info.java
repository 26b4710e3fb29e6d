/** Deep Java Library's PyTorch engine, started offline from the Maven native jar ({@link cockpit.train.torch.Torch}). */
package cockpit.train.torch;
