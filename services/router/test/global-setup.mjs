// Builds the static assets the router serves (Swagger UI, the dashboard)
// before workerd starts, so the tests read what the current source builds.
import { execFileSync } from 'node:child_process';

export default function setup() {
  execFileSync(process.execPath, [new URL('../scripts/vendor-assets.mjs', import.meta.url).pathname], {
    stdio: 'inherit',
  });
}
