import { startAdcloud } from '../../simulators/adcloud/adcloud.js';
import { startTrackMaster } from '../../simulators/trackmaster/trackmaster.js';
import type { Attack } from './hostile-server.js';

/** The sources the hostile suite attacks: small, so a good run takes well under a second. */
export const TRACKMASTER = {
  connector: 'trackmaster',
  date: '2024-06-20',
  reports: ['daily_reports'],
  // One report per live campaign keeps each attack to a few slices (the default asks every campaign).
  options: { mediaIds: [101], campaigns: 'live' },
};
export const ADCLOUD = { connector: 'adcloud', date: '2024-05-01' };

export const startSmallTrackMaster = () =>
  startTrackMaster({ medias: { 101: 3 }, referenceDate: '2024-06-30', reportPageSize: 30 });
export const startSmallAdcloud = () => startAdcloud({ rowsPerDate: 40 });

/** A data request (not a token grant). */
export const isData = (target: string) => !/oauth/.test(target);

/** Answers data requests as the vendor does, with the JSON body changed by `mutate`. */
export function bodyAttack(mutate: (body: Record<string, Record<string, unknown>>) => void): Attack {
  return async (request, { forward }) => {
    if (!isData(request.target)) return undefined;
    const answer = await forward();
    const body = JSON.parse(answer.body);
    mutate(body);
    return { ...answer, body: JSON.stringify(body) };
  };
}
