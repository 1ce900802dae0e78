/** Where the router serves the built assets (`buildDashboard` writes them; see build.mjs). */
export const DASHBOARD_ASSET_PREFIX = '/dashboard/';

/** What the footer lists: the origin's other doors (links for the ones a browser can open). */
const API: readonly { readonly path: string; readonly what: string; readonly link?: boolean }[] = [
  { path: 'POST /graphql', what: 'this page’s data' },
  { path: 'POST /events', what: 'ingest' },
  { path: '/docs', what: 'API docs', link: true },
  { path: '/health', what: 'health', link: true },
  { path: '/metrics', what: 'metrics', link: true },
  { path: '/v1/…', what: 'Iceberg REST catalog' },
  { path: '/s3/…', what: 'S3 endpoint' },
];

/**
 * The HTML of the dashboard page. Static: the script fills `#dashboard` from
 * `POST /graphql`. When the script is missing (the router's assets were not
 * built), the page says how to build them instead of staying blank.
 */
export function dashboardPage(): string {
  const js = `${DASHBOARD_ASSET_PREFIX}dashboard.js`;
  const css = `${DASHBOARD_ASSET_PREFIX}dashboard.css`;
  const missing =
    'The dashboard script did not load. Build the router assets: npm run build -w @analytics/service-router';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Analytics</title>
  <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M1 15V9h3v6zm5 0V5h3v10zm5 0V1h3v14z' fill='%234f46e5'/%3E%3C/svg%3E">
  <link rel="stylesheet" href="${css}">
  <script type="module" src="${js}" onerror="document.getElementById('dashboard').textContent=${JSON.stringify(missing).replace(/"/g, '&quot;')}"></script>
</head>
<body>
  <div id="dashboard"><p class="boot">Loading the dashboard…</p></div>
  <noscript><p>The dashboard needs JavaScript. Every number on it comes from <code>POST /graphql</code>.</p></noscript>
  <footer class="api">
    ${API.map((a) => (a.link ? `<a href="${a.path}"><code>${a.path}</code> ${a.what}</a>` : `<span><code>${a.path}</code> ${a.what}</span>`)).join('\n    ')}
  </footer>
</body>
</html>`;
}
