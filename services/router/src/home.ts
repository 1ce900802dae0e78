/** The landing page at `/` until the dashboard ships: where each API lives. */
export function homePage(publicUrl: string): string {
  const rows = [
    ['POST /events', 'Ingest events (CloudEvents or plain JSON)'],
    ['/v1/…', 'Iceberg REST catalog (PyIceberg, DuckDB, Spark, Trino)'],
    ['POST /graphql', 'Analytics API (GraphQL)'],
    ['GET /health', 'Health of every component'],
    ['GET /metrics', 'Metrics (Prometheus text or JSON)'],
    ['/docs', 'OpenAPI documentation of the ingest, catalog and operations APIs'],
    ['/s3/…', 'S3-compatible endpoint over the local R2 buckets'],
  ];
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Analytics</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem}code{background:#f4f4f4;padding:0 .3em}td{padding:.3rem 1rem .3rem 0}</style>
</head>
<body>
<h1>Analytics</h1>
<p>Events in, Apache Iceberg tables out. This origin is <code>${publicUrl}</code>.</p>
<table>${rows.map(([path, what]) => `<tr><td><code>${path}</code></td><td>${what}</td></tr>`).join('')}</table>
</body>
</html>`;
}
