import { DOCUMENTED, type ServiceBinding } from './routes.ts';

/** Slug used in `/docs/<slug>.json` for each documented service. */
export const DOC_SLUGS: Readonly<Record<string, ServiceBinding>> = {
  ingest: 'COLLECTOR',
  catalog: 'CATALOG',
  ops: 'HEALTH',
};

/**
 * The docs page: Swagger UI (served from this Worker's static assets, so it
 * works offline) with one entry per service's OpenAPI document.
 */
export function docsPage(): string {
  const urls = Object.entries(DOC_SLUGS).map(([slug, service]) => ({
    url: `/docs/${slug}.json`,
    name: DOCUMENTED.find((d) => d.service === service)?.tag ?? slug,
  }));
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Analytics API documentation</title>
  <link rel="icon" href="/vendor/swagger-ui/favicon-32x32.png">
  <link rel="stylesheet" href="/vendor/swagger-ui/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/vendor/swagger-ui/swagger-ui-bundle.js"></script>
  <script src="/vendor/swagger-ui/swagger-ui-standalone-preset.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      urls: ${JSON.stringify(urls)},
      dom_id: '#docs',
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: 'StandaloneLayout',
    });
  </script>
  <noscript>
    <ul>${urls.map((u) => `<li><a href="${u.url}">${u.name}</a></li>`).join('')}</ul>
  </noscript>
</body>
</html>`;
}
