// Cost measures that need no library code to run: installed size (dependency closure on disk)
// and the browser bundle (esbuild, min+gzip, with the Node built-ins it would need shimmed).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..', '..');

function dirBytes(dir, skip = () => false) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (skip(p, e)) continue;
    if (e.isDirectory()) total += dirBytes(p, skip);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

/** Finds `name` from `fromDir` upwards through node_modules, as Node resolves packages. */
function findPackage(name, fromDir) {
  let d = fromDir;
  for (;;) {
    const p = join(d, 'node_modules', name);
    if (existsSync(join(p, 'package.json'))) return p;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/**
 * Bytes on disk of a package and its runtime dependency closure (dependencies +
 * optionalDependencies), as `npm install <pkg>` would lay it out. Counted per package as it ships:
 * nested node_modules are walked as dependencies, not double counted; a native addon's
 * compiler output (build/ of a package with binding.gyp) is left out, since the workspace
 * compiled it and the peers did not.
 * `workspaceDir(name)` maps @telets/* and telets to their folders, counted as `npm pack` would
 * ship them (package.json `files`, README, LICENSE).
 */
export function installedBytes(rootName, resolveFrom, workspaceDir) {
  const seen = new Map();
  const visit = (name, fromDir) => {
    const ws = workspaceDir?.(name);
    const dir = ws ?? findPackage(name, fromDir);
    if (!dir || seen.has(dir)) return;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    let bytes;
    if (ws) {
      bytes = statSync(join(dir, 'package.json')).size;
      for (const f of [...(pkg.files ?? []), 'README.md', 'LICENSE']) {
        const p = join(dir, f);
        if (!existsSync(p)) continue;
        bytes += statSync(p).isDirectory() ? dirBytes(p) : statSync(p).size;
      }
    } else {
      const isNative = existsSync(join(dir, 'binding.gyp'));
      bytes = dirBytes(
        dir,
        (p, e) =>
          e.isDirectory() && (e.name === 'node_modules' || (isNative && p === join(dir, 'build'))),
      );
    }
    seen.set(dir, { name, bytes });
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }))
      visit(dep, dir);
  };
  visit(rootName, resolveFrom);
  let total = 0;
  for (const { bytes } of seen.values()) total += bytes;
  return { bytes: total, packages: seen.size };
}

export function teletsWorkspaceDir(name) {
  if (name === 'telets') return join(ROOT, 'packages', 'telets');
  if (name.startsWith('@telets/')) return join(ROOT, 'packages', name.slice('@telets/'.length));
  return undefined;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * esbuild browser bundle (ESM, minified) of `contents`; Node built-ins are left external and
 * listed: a browser build would need a shim for each. Also lists the Node globals the code
 * reads (Buffer, process, global), which need shims too.
 */
export async function browserBundle(contents, resolveDir) {
  const esbuild = await import(join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js'));
  const builtins = new Set();
  const result = await (esbuild.default ?? esbuild).build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      {
        name: 'node-builtins',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (BUILTINS.has(args.path)) {
              builtins.add(args.path.replace(/^node:/, ''));
              return { path: args.path, external: true };
            }
            return undefined;
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0].contents;
  const text = Buffer.from(code).toString('utf8');
  const globals = ['Buffer', 'process', 'global', '__dirname', 'require'].filter(
    (g) =>
      new RegExp(`(?<![.\\w$])${g}(?=\\s*[.(\\[])`).test(text) &&
      !new RegExp(`(?:var|let|const|function|class)\\s+${g}\\b`).test(text),
  );
  return {
    minifiedBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    nodeBuiltins: [...builtins].sort(),
    nodeGlobals: globals,
  };
}
