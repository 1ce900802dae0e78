// Bundles the dashboard (src/main.ts and src/dashboard.css) with esbuild into
// `dashboard.js` and `dashboard.css` in a folder. The router's
// scripts/vendor-assets.mjs calls it, so `npm start`, the router's tests and
// `npm run build -w @analytics/service-router` (before a deploy) always serve
// a bundle made from the current source; nothing built is committed.
//
//   node clients/dashboard/build.mjs <out dir>
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const here = dirname(new URL(import.meta.url).pathname);

/**
 * Writes `dashboard.js` (+ `.map`) and `dashboard.css` into `outDir`.
 * @param {string} outDir
 * @returns {Promise<void>}
 */
export async function buildDashboard(outDir) {
  await build({
    entryPoints: [
      { in: join(here, 'src', 'main.ts'), out: 'dashboard' },
      { in: join(here, 'src', 'dashboard.css'), out: 'dashboard' },
    ],
    outdir: outDir,
    bundle: true,
    format: 'esm',
    // Browsers of the last few years; module scripts need ES2017+ anyway.
    target: ['es2022'],
    minify: true,
    sourcemap: 'linked',
    // graphql-js checks NODE_ENV for its development-only instanceof warnings.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(here, 'build.mjs')) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node clients/dashboard/build.mjs <out dir>');
    process.exit(2);
  }
  await buildDashboard(resolve(out));
}
