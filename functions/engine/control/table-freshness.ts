import type { RecentPartition } from './reconcile.js';

/**
 * What the reconciler remembers of one table of a source between its runs: since when it has
 * watched the table (a table new to the config starts its clock then) and when a scheduled run
 * last committed a partition of it (kept after the run leaves the ledger's look-back).
 */
export interface TableWatch {
  source: string;
  table: string;
  watchedSince: string;
  lastCommittedAt?: string;
}

/** Port: the reconciler's table watches (deployed: items in the control table). */
export interface FreshnessStore {
  watches(source: string): Promise<TableWatch[]>;
  /** Saves a watch; `lastCommittedAt` never moves back (a slower, older reconciler loses). */
  save(watch: TableWatch): Promise<void>;
}

export interface TableFreshness extends TableWatch {
  /** Seconds since a scheduled run last committed a partition of the table (or since it is watched). */
  secondsSinceCommit: number;
}

/**
 * How fresh each table of each source is, from the run ledger: the last time a partition of the
 * table was committed by a **scheduled** run (a backfill of old dates says nothing about today's
 * data arriving). Tables are judged one by one, so a table that stops getting partitions is
 * stale even while the source's other tables keep committing.
 */
export async function tableFreshness(
  store: FreshnessStore,
  sources: readonly { name: string; tables: readonly string[] }[],
  recent: readonly RecentPartition[],
  now: Date,
): Promise<TableFreshness[]> {
  const out: TableFreshness[] = [];
  for (const source of sources) {
    const watches = new Map((await store.watches(source.name)).map((w) => [w.table, w]));
    for (const table of source.tables) {
      const held = watches.get(table);
      let lastCommittedAt = held?.lastCommittedAt;
      for (const p of recent) {
        if (p.source !== source.name || p.partition.table !== table) continue;
        if (p.trigger !== 'schedule' || p.state !== 'committed') continue;
        if (lastCommittedAt === undefined || p.updatedAt > lastCommittedAt) lastCommittedAt = p.updatedAt;
      }
      const watch: TableWatch = {
        source: source.name,
        table,
        watchedSince: held?.watchedSince ?? now.toISOString(),
        ...(lastCommittedAt !== undefined ? { lastCommittedAt } : {}),
      };
      if (!held || held.lastCommittedAt !== watch.lastCommittedAt) await store.save(watch);
      const since = Date.parse(lastCommittedAt ?? watch.watchedSince);
      out.push({ ...watch, secondsSinceCommit: Math.max(0, Math.round((now.getTime() - since) / 1000)) });
    }
  }
  return out;
}
