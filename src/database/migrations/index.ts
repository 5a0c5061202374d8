import { RegistrySchema1764100000000 } from './1764100000000-registry-schema';

/** Every migration, in order. Listed explicitly so the compiled app and ts-node/jest load the same set. */
export const MIGRATIONS = [RegistrySchema1764100000000];
