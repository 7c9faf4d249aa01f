/** Version of this package, recorded in the provenance of IOVs appended over HTTP. */
export const SERVICE_VERSION = '0.1.0';
