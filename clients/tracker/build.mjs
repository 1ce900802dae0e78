// Bundles the tracker with esbuild into one minified file per use:
//   tracker.js   the script-tag build (src/script.ts, an IIFE that starts itself)
//   tracker.mjs  the ES module build (src/index.ts: init, track, pageview, …)
// The router's scripts/vendor-assets.mjs calls `buildTrackerScript`, so
// `npm start`, the end-to-end tests and `npm run build -w
// @analytics/service-router` (before a deploy) serve a script made from the
// current source at /tracker.js; nothing built is committed.
//
//   node clients/tracker/build.mjs [out dir]     (default: clients/tracker/dist)
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(new URL(import.meta.url).pathname);

/** ES2020: every browser since 2020 runs it as is (optional chaining, `??`), so nothing is lowered. */
const TARGET = ['es2020'];

/** @param {{ entry: string, outfile: string, format: 'iife' | 'esm' }} what */
async function bundle({ entry, outfile, format }) {
  await build({
    entryPoints: [join(here, 'src', entry)],
    outfile,
    bundle: true,
    format,
    target: TARGET,
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const bytes = readFileSync(outfile);
  return { file: outfile, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

/**
 * Writes the script-tag build to `outfile`.
 * @param {string} outfile
 * @returns {Promise<{ file: string, bytes: number, gzipBytes: number }>}
 */
export async function buildTrackerScript(outfile) {
  mkdirSync(dirname(outfile), { recursive: true });
  return bundle({ entry: 'script.ts', outfile, format: 'iife' });
}

/**
 * Writes `tracker.js` (script tag) and `tracker.mjs` (ES module) into `outDir`.
 * @param {string} outDir
 */
export async function buildTracker(outDir) {
  return [
    await buildTrackerScript(join(outDir, 'tracker.js')),
    await bundle({ entry: 'index.ts', outfile: join(outDir, 'tracker.mjs'), format: 'esm' }),
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(here, 'build.mjs')) {
  for (const { file, bytes, gzipBytes } of await buildTracker(resolve(process.argv[2] ?? join(here, 'dist'))))
    console.log(`${file}: ${bytes} bytes, ${gzipBytes} gzipped`);
}
