import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of docs/architecture.md, checked on the source text: a forbidden import fails here
 * before it becomes a habit. Every import counts (static, type-only, re-export and dynamic
 * `import()`), because a type-only edge still couples the layers and a dynamic one still forms a
 * cycle.
 */
const ROOT = resolve(import.meta.dirname, '../..');

type Edge = { from: string; specifier: string; to?: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import of a file; relative ones resolved to the repo path of the `.ts` file they name. */
function importsOf(file: string, text = readFileSync(join(ROOT, file), 'utf8')): Edge[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...withoutComments.matchAll(IMPORT)].map((match) => {
    const specifier = (match[1] ?? match[2])!;
    if (!specifier.startsWith('.')) return { from: file, specifier };
    const to = relative(ROOT, resolve(ROOT, dirname(file), specifier)).replace(/\.js$/, '.ts');
    return { from: file, specifier, to };
  });
}

const PRODUCT = ['functions', 'lib', 'bin'].flatMap(sourceFiles);
const ENGINE_INDEX = 'functions/engine/index.ts';
const SIMULATORS = sourceFiles('test/simulators');
const EDGES = [...PRODUCT, ...SIMULATORS].flatMap((file) => importsOf(file));

const isBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!);
const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
const under = (path: string | undefined, ...dirs: string[]) =>
  path !== undefined && dirs.some((dir) => path.startsWith(`${dir}/`));

/** Packages that tie code to AWS, a runtime or a native engine: never in the engine or connectors. */
const PLATFORM_PACKAGES = [
  /^@aws-sdk\//,
  /^@aws-lambda-powertools\//,
  /^@middy\//,
  /^aws-cdk-lib/,
  /^aws-cdk$/,
  /^constructs$/,
  /^cdk-nag$/,
  /^aws-lambda$/,
  /^@duckdb\//,
  /^fauxqs$/,
  /^dynalite$/,
];

interface Wall {
  name: string;
  applies: (edge: Edge) => boolean;
  forbids: (edge: Edge) => boolean;
}

const WALLS: Wall[] = [
  {
    name: 'the engine imports no adapter, handler, connector, config, CLI, CDK or test code, and no platform package',
    applies: (edge) => under(edge.from, 'functions/engine'),
    forbids: (edge) =>
      edge.to !== undefined
        ? !under(edge.to, 'functions/engine')
        : PLATFORM_PACKAGES.some((pattern) => pattern.test(edge.specifier)),
  },
  {
    name: 'the vendor model (paging, decoding, answers) sits below the run steps and never imports them',
    applies: (edge) =>
      under(edge.from, 'functions/engine/pagination', 'functions/engine/decoding', 'functions/engine/vendor'),
    forbids: (edge) => under(edge.to, 'functions/engine/run'),
  },
  {
    name: 'connectors import only the engine (and plain libraries)',
    applies: (edge) => under(edge.from, 'functions/connectors'),
    forbids: (edge) =>
      edge.to !== undefined
        ? !under(edge.to, 'functions/engine', 'functions/connectors')
        : PLATFORM_PACKAGES.some((pattern) => pattern.test(edge.specifier)),
  },
  {
    name: 'outside the engine, product code reaches the engine only through its index (functions/engine/index.ts)',
    applies: (edge) => PRODUCT.includes(edge.from) && !under(edge.from, 'functions/engine'),
    forbids: (edge) => under(edge.to, 'functions/engine') && edge.to !== ENGINE_INDEX,
  },
  {
    name: 'the engine never imports its own index (the index is its surface for the outside)',
    applies: (edge) => under(edge.from, 'functions/engine'),
    forbids: (edge) => edge.to === ENGINE_INDEX,
  },
  {
    name: 'AWS adapters never import local adapters',
    applies: (edge) => under(edge.from, 'functions/adapters/aws'),
    forbids: (edge) => under(edge.to, 'functions/adapters/local', 'functions/local'),
  },
  {
    name: 'local adapters never import AWS adapters or handlers',
    applies: (edge) => under(edge.from, 'functions/adapters/local', 'functions/local'),
    forbids: (edge) => under(edge.to, 'functions/adapters/aws', 'functions/handlers'),
  },
  {
    name: 'Lambda code never imports the CLI, the CDK app or tests',
    applies: (edge) => under(edge.from, 'functions'),
    forbids: (edge) => under(edge.to, 'bin', 'lib', 'test'),
  },
  {
    name: 'the CDK app reaches Lambda code only through the deployment contract, config, connectors and engine (never handlers, adapters or local code)',
    applies: (edge) => under(edge.from, 'lib'),
    forbids: (edge) =>
      under(edge.to, 'functions') &&
      !under(edge.to, 'functions/config', 'functions/connectors', 'functions/engine') &&
      edge.to !== 'functions/deployment/index.ts',
  },
  {
    name: 'the deployment contract imports no handler, adapter, CDK or AWS SDK code',
    applies: (edge) => under(edge.from, 'functions/deployment'),
    forbids: (edge) =>
      edge.to !== undefined
        ? !under(
            edge.to,
            'functions/deployment',
            'functions/config',
            'functions/connectors',
            'functions/engine',
          )
        : PLATFORM_PACKAGES.some((pattern) => pattern.test(edge.specifier)),
  },
  {
    name: 'simulators never reach product code (they stand for the vendor, not for us)',
    applies: (edge) => under(edge.from, 'test/simulators'),
    forbids: (edge) => under(edge.to, 'functions', 'lib', 'bin'),
  },
];

describe('import walls', () => {
  it('finds the imports it checks (a parser that reads nothing would pass everything)', () => {
    expect(PRODUCT.length).toBeGreaterThan(40);
    const sample = importsOf(
      'sample.ts',
      [
        "import type { A } from './a.js';",
        "export { b } from '../b.js';",
        "import * as z from 'zod';",
        "import './side-effect.js';",
        "const m = await import('./lazy.js');",
        '// import { c } from "./commented.js";',
      ].join('\n'),
    );
    expect(sample.map((edge) => edge.to ?? edge.specifier)).toEqual([
      'a.ts',
      '../b.ts',
      'zod',
      'side-effect.ts',
      'lazy.ts',
    ]);
  });

  for (const wall of WALLS) {
    it(wall.name, () => {
      const broken = EDGES.filter((edge) => wall.applies(edge) && wall.forbids(edge)).map(
        (edge) => `${edge.from} → ${edge.specifier}`,
      );
      expect(broken).toEqual([]);
    });
  }

  it('product code holds no test doubles (they live in test/support/memory-stores.ts)', () => {
    const doubles = PRODUCT.filter((file) =>
      /^export class Memory\w+/m.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(doubles).toEqual([]);
  });

  it('every relative import names a file that exists', () => {
    const files = new Set([...PRODUCT, ...SIMULATORS, ...sourceFiles('test')]);
    const dangling = EDGES.filter((edge) => edge.to !== undefined && !files.has(edge.to)).map(
      (edge) => `${edge.from} → ${edge.specifier}`,
    );
    expect(dangling).toEqual([]);
  });

  it('packages are imported only through their public entry points', () => {
    const internal = EDGES.filter((edge) => edge.to === undefined && !isBuiltin(edge.specifier))
      .filter((edge) => {
        const name = packageOf(edge.specifier);
        const subpath = edge.specifier.slice(name.length);
        if (subpath === '') return false;
        const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
        const exported = manifest.exports && typeof manifest.exports === 'object' ? manifest.exports : {};
        return !Object.keys(exported).some((key) =>
          key.includes('*') ? `.${subpath}`.startsWith(key.split('*')[0]!) : key === `.${subpath}`,
        );
      })
      .map((edge) => `${edge.from} → ${edge.specifier}`);
    expect(internal).toEqual([]);
  });

  it('product code has no import cycles (dynamic imports included)', () => {
    const graph = new Map<string, string[]>();
    for (const edge of EDGES)
      if (edge.to !== undefined && PRODUCT.includes(edge.from))
        graph.set(edge.from, [...(graph.get(edge.from) ?? []), edge.to]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of PRODUCT) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
