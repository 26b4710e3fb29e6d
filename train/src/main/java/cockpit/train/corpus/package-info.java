/** Seeded text corpora; {@link cockpit.train.corpus.SeedCorpus} stands in until the data generator exists. */
package cockpit.train.corpus;
