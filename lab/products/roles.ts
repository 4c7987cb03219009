// The roles of a topology: what a component does in it. Scenarios name roles; the product filling a role is a
// parameter (envoy or nginx as s3-front; ceph, minio or swift as object-store).
export const ROLES = {
  'registry-front': 'the HTTP front that clients of the registry connect to',
  registry: 'the registry clients push to and pull from',
  standby: "a second registry on its own disk, refreshed from the registry's storage",
  'standby-sync': "the job that copies the registry's storage onto the standby",
  's3-front': "an HTTP proxy before the object store's S3 API",
  'object-store': 'where the registry keeps its blobs and manifests',
  cache: "the registry's blob-descriptor cache",
  'fault-proxy': 'the TCP proxy every faultable link goes through (there is one whenever the topology has links)',
} as const;

export type Role = keyof typeof ROLES;

/** Every topology has one. */
export const REQUIRED_ROLE: Role = 'registry';
/** Filled whenever the topology has links, never written in a scenario. */
export const IMPLIED_ROLE: Role = 'fault-proxy';

/** Where clients of the registry connect: the front when there is one. */
export function registryRole(roles: Readonly<Record<string, unknown>>): Role {
  return roles['registry-front'] ? 'registry-front' : 'registry';
}
