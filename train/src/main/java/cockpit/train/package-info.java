/**
 * The trainer module's commands that span its packages: {@link cockpit.train.Budget} (what a profile
 * costs to train on this machine). Nothing at run time depends on this module.
 */
package cockpit.train;
