// Enforces the dependency arrows of ARCHITECTURE.md and that every import is declared.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

// Direct arrows; a package may use anything reachable along them.
const arrows: Record<string, string[]> = {
  '@telets/tl-schema': [],
  '@telets/crypto': [],
  '@telets/transport': ['@telets/tl-schema', '@telets/crypto'],
  '@telets/session-memory': ['@telets/crypto', '@telets/tl-schema'],
  '@telets/session-sqlite': ['@telets/session-memory'],
  '@telets/auth': ['@telets/crypto', '@telets/tl-schema'],
  '@telets/client': ['@telets/auth', '@telets/session-sqlite', '@telets/transport'],
  // The facade's CLI starts the local test server (`telets test-server`, `telets demo`).
  telets: ['@telets/client', '@telets/test-server'],
  '@telets/test-server': ['@telets/tl-schema', '@telets/crypto', '@telets/transport'],
};
// Packages whose core must run without Node: node builtins only in clearly Node-only files.
const portable = new Set([
  '@telets/tl-schema',
  '@telets/crypto',
  '@telets/session-memory',
  '@telets/auth',
]);

function reachable(name: string, seen = new Set<string>()): Set<string> {
  for (const dep of arrows[name] ?? []) {
    if (!seen.has(dep)) {
      seen.add(dep);
      reachable(dep, seen);
    }
  }
  return seen;
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'generated') continue;
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|mts|cts|js|mjs)$/.test(entry)) out.push(p);
  }
  return out;
}

const importRe =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function importsOf(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(importRe)) specs.push(m[1] ?? m[2] ?? m[3]);
  return specs;
}

function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

const builtins = new Set(builtinModules);
const isBuiltin = (spec: string) => spec.startsWith('node:') || builtins.has(packageOf(spec));
const isTestFile = (rel: string) => /(^|\/)test\/|\.test\.ts$|(^|\/)testing\//.test(rel);
const isNodeOnlyFile = (rel: string) =>
  /(^|\/)node\/|\.node\.ts$|(^|\/)test\//.test(rel) || /\.test\.ts$/.test(rel);

const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const rootDev = new Set(Object.keys(rootPkg.devDependencies ?? {}));
const packageDirs = readdirSync(join(root, 'packages'));

describe('package dependency rules', () => {
  it('knows every package in packages/', () => {
    const names = packageDirs.map(
      (d) => JSON.parse(readFileSync(join(root, 'packages', d, 'package.json'), 'utf8')).name,
    );
    expect(names.sort()).toEqual(Object.keys(arrows).sort());
  });

  it('parses the import forms it must see', () => {
    const src = `import a from 'x';\nimport { b } from "@s/y/sub";\nexport * from 'z';\nconst c = await import('w');\nrequire('v');\nimport 'side';\nimport type { T } from 't';`;
    expect(importsOf(src).sort()).toEqual(['@s/y/sub', 'side', 't', 'v', 'w', 'x', 'z']);
  });

  for (const dir of packageDirs) {
    const pkgDir = join(root, 'packages', dir);
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    const name: string = pkg.name;
    describe(name, () => {
      const allowed = reachable(name);
      const declared = new Set([
        ...Object.keys(pkg.dependencies ?? {}),
        ...Object.keys(pkg.peerDependencies ?? {}),
        ...Object.keys(pkg.optionalDependencies ?? {}),
      ]);
      const devDeclared = new Set([
        ...declared,
        ...Object.keys(pkg.devDependencies ?? {}),
        ...rootDev,
      ]);

      it('declares internal dependencies only along the arrows', () => {
        const bad = [...declared]
          .filter((d) => d.startsWith('@telets/') || d === 'telets')
          .filter((d) => !allowed.has(d));
        expect(
          bad,
          `${name} may depend on ${[...allowed].join(', ') || 'no internal package'}`,
        ).toEqual([]);
      });

      it('imports only what it declares, and no Node built-ins in portable code', () => {
        const problems: string[] = [];
        for (const file of files(pkgDir)) {
          const rel = relative(pkgDir, file);
          const test = isTestFile(rel) || /\.config\.ts$/.test(rel);
          for (const spec of importsOf(readFileSync(file, 'utf8'))) {
            if (spec.startsWith('.')) continue;
            if (isBuiltin(spec)) {
              if (portable.has(name) && !isNodeOnlyFile(rel) && !test)
                problems.push(`${rel}: Node built-in '${spec}' in portable code`);
              continue;
            }
            const dep = packageOf(spec);
            if (dep === name) {
              if (!test) problems.push(`${rel}: imports its own package '${spec}'`);
              continue;
            }
            if ((dep.startsWith('@telets/') || dep === 'telets') && !allowed.has(dep) && !test)
              problems.push(`${rel}: '${dep}' goes against the arrows`);
            if (!(test ? devDeclared : declared).has(dep))
              problems.push(`${rel}: '${dep}' is not declared in package.json`);
          }
        }
        expect(problems).toEqual([]);
      });
    });
  }
});
