// Copies the Swagger UI distribution into public/vendor so the docs page works
// offline, and builds the dashboard into public/dashboard. Run by the stack
// before `wrangler dev`, by the router's tests and before deploys.
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildDashboard } from '@analytics/dashboard/build';
import { buildTrackerScript } from '@analytics/tracker/build';

const here = dirname(new URL(import.meta.url).pathname);
const require = createRequire(import.meta.url);
const dist = dirname(require.resolve('swagger-ui-dist/package.json'));
const out = join(here, '..', 'public', 'vendor', 'swagger-ui');
mkdirSync(out, { recursive: true });
for (const f of [
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
]) {
  cpSync(join(dist, f), join(out, f));
}
await buildDashboard(join(here, '..', 'public', 'dashboard'));
// The browser tracker, served at /tracker.js.
await buildTrackerScript(join(here, '..', 'public', 'tracker.js'));
