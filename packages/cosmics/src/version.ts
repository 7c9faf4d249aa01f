/** Version of @nucal/cosmics recorded in the `dune.cosmics` plugin and its provenance: equal to package.json's (`version.test.ts` fails otherwise, e.g. after `changeset version`). */
export const COSMICS_VERSION = '0.1.0';
