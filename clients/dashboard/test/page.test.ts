import { describe, expect, it } from 'vitest';
import { DASHBOARD_ASSET_PREFIX, dashboardPage } from '../src/page.ts';

describe('the dashboard page', () => {
  const html = dashboardPage();

  it('loads the built script as a module and the stylesheet from the asset prefix', () => {
    expect(DASHBOARD_ASSET_PREFIX).toBe('/dashboard/');
    expect(html).toContain('<script type="module" src="/dashboard/dashboard.js"');
    expect(html).toContain('href="/dashboard/dashboard.css"');
    expect(html).toContain('<div id="dashboard">');
  });

  it('says how to build the assets when the script cannot load', () => {
    expect(html).toMatch(/onerror="[^"]*npm run build -w @analytics\/service-router/);
  });

  it('links the APIs a browser can open', () => {
    for (const path of ['/docs', '/health', '/metrics']) expect(html).toContain(`<a href="${path}">`);
    expect(html).toContain('POST /graphql');
  });
});
