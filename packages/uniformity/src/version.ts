/** Version of @nucal/uniformity, recorded in plugin ids and provenance (kept equal to package.json by a test). */
export const PACKAGE_VERSION = '0.1.0';
