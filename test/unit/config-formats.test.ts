import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config/load-config.js';
import { ConfigError } from '../../functions/engine/errors.js';
import { lakeTables } from '../../lib/lake-tables.js';

describe('one format per lake table', () => {
  it('refuses sources that write one table in two formats, in one clear line', () => {
    expect(() =>
      parseConfig({
        sources: [
          { name: 'adcloud_de', connector: 'adcloud', format: 'parquet' },
          { name: 'adcloud_fr', connector: 'adcloud', format: 'ndjson' },
        ],
      }),
    ).toThrow(
      /sources "adcloud_de" \(parquet\) and "adcloud_fr" \(ndjson\) both write table adcloud_advertiser; .*docs\/deploy\.md/,
    );
  });

  it('refuses a config built in code that slips past the parser, as a configuration error', () => {
    const config = parseConfig({
      sources: [
        { name: 'adcloud_de', connector: 'adcloud', format: 'parquet' },
        { name: 'adcloud_fr', connector: 'adcloud', format: 'parquet' },
      ],
    });
    const mixed = {
      ...config,
      sources: [config.sources[0]!, { ...config.sources[1]!, format: 'ndjson' as const }],
    };
    expect(() => lakeTables(mixed)).toThrow(ConfigError);
    expect(() => lakeTables(mixed)).toThrow(/table adcloud_advertiser is written in two formats/);
  });

  it('gives a table switched to another format one Glue table with the new format (docs/deploy.md)', () => {
    const before = parseConfig({
      sources: [
        { name: 'adcloud_de', connector: 'adcloud', format: 'ndjson' },
        { name: 'adcloud_fr', connector: 'adcloud', format: 'ndjson' },
      ],
    });
    const after = parseConfig({
      sources: before.sources.map(({ name, connector }) => ({ name, connector, format: 'parquet' })),
    });
    for (const [config, format] of [
      [before, 'ndjson'],
      [after, 'parquet'],
    ] as const) {
      const tables = lakeTables(config).filter((t) => t.folder === 'adcloud_advertiser');
      expect(tables).toHaveLength(1);
      expect(tables[0]).toMatchObject({
        name: 'adcloud_advertiser',
        format,
        sources: ['adcloud_de', 'adcloud_fr'],
      });
    }
  });
});
