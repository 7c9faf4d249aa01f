/** Version of @nucal/tpc-drift recorded by its plugins: equal to package.json's (`version.test.ts` fails otherwise, e.g. after `changeset version`). */
export const TPC_DRIFT_VERSION = '0.1.0';
