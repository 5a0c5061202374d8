import { withAdminClient } from './test-services';

/** Drops databases left by test files that crashed before their own clean-up (older than ten minutes). */
export default async function globalTeardown(): Promise<void> {
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'nst\\_%'");
    const cutoff = Date.now() - 10 * 60_000;
    for (const { datname } of rows) {
      const created = parseInt(datname.split('_')[1] ?? '', 36);
      if (Number.isFinite(created) && created < cutoff) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}
