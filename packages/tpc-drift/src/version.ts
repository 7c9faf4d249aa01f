/** Version of @nucal/tpc-drift recorded by its plugins (kept equal to package.json by the release). */
export const TPC_DRIFT_VERSION = '0.1.0';
