/**
 * BENCH_PG_STATS=1: where PostgreSQL's time goes, from pg_stat_statements. The module must be
 * preloaded, so the cluster is restarted once with it before the engine starts.
 */
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "../../lib/postgres/embedded";

export async function withStatementStats(cluster: RunningPostgres): Promise<RunningPostgres> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
  await admin.query("ALTER SYSTEM SET pg_stat_statements.track = 'all'");
  await admin.end();
  await cluster.stop();
  return startEmbeddedPostgres({ dataDir: cluster.dataDir, port: cluster.port });
}

export async function resetStatementStats(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  await client.query("SELECT pg_stat_statements_reset()");
  await client.end();
}

/** The statements that took the most execution time since the reset, with the share of each. */
export async function printStatementStats(databaseUrl: string, runs: number, top = 20): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ query: string; calls: string; rows: string; total: number; wal_bytes: string }>(
    `SELECT query, calls, rows, total_exec_time AS total, wal_bytes FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC`,
  );
  await client.end();
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  const wal = rows.reduce((sum, row) => sum + Number(row.wal_bytes), 0);
  const calls = rows.reduce((sum, row) => sum + Number(row.calls), 0);
  console.log(`\npg_stat_statements over ${runs} runs: ${(total / runs).toFixed(3)} ms of statement execution, ${(calls / runs).toFixed(1)} statements and ${(wal / runs / 1024).toFixed(1)} KiB of WAL per run`);
  console.log(`${"share".padStart(6)} ${"ms/run".padStart(7)} ${"calls".padStart(7)} ${"rows".padStart(8)} ${"WAL KiB/run".padStart(11)}  statement`);
  for (const row of rows.slice(0, top)) {
    const text = row.query.replace(/\s+/g, " ").slice(0, 130);
    console.log(
      `${((100 * row.total) / total).toFixed(1).padStart(5)}% ${(row.total / runs).toFixed(3).padStart(7)} ${row.calls.padStart(7)} ${row.rows.padStart(8)} ${(Number(row.wal_bytes) / runs / 1024).toFixed(2).padStart(11)}  ${text}`,
    );
  }
}
