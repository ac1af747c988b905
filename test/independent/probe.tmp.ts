import { describeTable, readTable, runCli, workspace } from './harness.js';
import { startTrackmaster, TM_CREDENTIALS } from './servers/trackmaster.js';

const s = await startTrackmaster();
const w = workspace();
const env = Object.fromEntries(
  Object.entries(TM_CREDENTIALS).map(([k, v]) => [`RF_INDEP_TM_${k.toUpperCase()}`, v]),
);
const r = await runCli(
  w.dir,
  {
    name: 'indep_tm',
    connector: 'trackmaster',
    baseUrl: s.api.origin,
    authUrl: process.argv[2] === 'base' ? s.auth.origin : `${s.auth.origin}/oauth/access_token`,
    options: { mediaIds: [101, 102] },
  },
  env,
  '2024-05-01',
  '2024-05-03',
);
console.log(r.code, r.stdout, r.stderr.slice(0, 1500));
console.log(
  s.auth.requests.map(
    (q) =>
      q.method +
      ' ' +
      q.path +
      ' ' +
      q.headers['content-type'] +
      ' ' +
      q.body.replace(/"(client_secret|password)":"[^"]*"/g, '"$1":"***"'),
  ),
);
console.log(
  s.api.requests.length,
  s.api.requests
    .slice(0, 4)
    .map((q) => q.method + ' ' + q.path + '?' + q.query + ' ' + q.headers.authorization),
);
for (const t of ['trackmaster_campaigns', 'trackmaster_daily_reports']) {
  const rows = await readTable(r.out, t, 'indep_tm');
  console.log(t, rows.length, rows[0], await describeTable(r.out, t, 'indep_tm').catch((e) => String(e)));
}
await s.close();
w.cleanup();
