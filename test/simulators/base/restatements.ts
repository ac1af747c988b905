/**
 * Restatement versions per date. Metric generators mix the version into their seed, so
 * `restate(date)` changes that date's metric values while the row keys stay the same.
 */
export class Restatements {
  private readonly versions = new Map<string, number>();

  restate(date: string): void {
    this.versions.set(date, this.version(date) + 1);
  }

  version(date: string): number {
    return this.versions.get(date) ?? 0;
  }
}
