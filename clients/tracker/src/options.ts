/** How a site configures the tracker (`init(...)`, or the script tag's `data-*` attributes). */
export interface TrackerOptions {
  /** `project_id` of every event (`data-project`). Required. */
  readonly project: string;
  /** The collector's `POST /events` URL (`data-endpoint`; the script defaults to `/events` of its own origin). */
  readonly endpoint: string;
  /**
   * `X-API-Key` (`data-key`). Not needed for projects the collector lists in
   * `ANONYMOUS_PROJECTS`; a key in a page's source is no secret, so prefer that.
   */
  readonly apiKey?: string;
  /** `environment` of every event (`data-environment`), default `production`. */
  readonly environment?: string;
  /** `version` of every event (`data-version`): the event schema version, default `1`. */
  readonly version?: string;
  /** Send nothing when the visitor sends Do Not Track or Global Privacy Control (`data-respect-dnt`). */
  readonly respectDoNotTrack?: boolean;
  /** Record page views by itself, SPA navigation included (default true; `data-auto="false"` turns it off). */
  readonly autoPageviews?: boolean;
  /** The hash is part of the page (`#/route` routers; `data-hash`): it goes into page_url and a hash change is a navigation. */
  readonly hashRouting?: boolean;
  /** Events wait this long to travel together (`data-flush-delay-ms`, default 1000 ms); a hidden page sends at once. */
  readonly flushDelayMs?: number;
  /** `user_id` from the start (`data-user-id`); `setUser` changes it. */
  readonly userId?: string;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly project: string;
  readonly endpoint: string;
  readonly apiKey: string | undefined;
  readonly environment: string;
  readonly version: string;
  readonly respectDoNotTrack: boolean;
  readonly autoPageviews: boolean;
  readonly hashRouting: boolean;
  readonly flushDelayMs: number;
  readonly userId: string | undefined;
}

/** Applies the defaults; throws a TypeError naming what is missing. */
export function resolveOptions(options: TrackerOptions): ResolvedOptions {
  if (!options || typeof options.project !== 'string' || options.project === '')
    throw new TypeError('analytics tracker: `project` is required (data-project="your-project")');
  if (typeof options.endpoint !== 'string' || options.endpoint === '')
    throw new TypeError(
      'analytics tracker: `endpoint` is required, the URL of POST /events (data-endpoint="https://…/events")',
    );
  return {
    project: options.project,
    endpoint: options.endpoint,
    apiKey: options.apiKey || undefined,
    environment: options.environment || 'production',
    version: options.version || '1',
    respectDoNotTrack: options.respectDoNotTrack === true,
    autoPageviews: options.autoPageviews !== false,
    hashRouting: options.hashRouting === true,
    flushDelayMs: flushDelay(options.flushDelayMs),
    userId: options.userId || undefined,
  };
}

function flushDelay(value: number | undefined): number {
  if (value === undefined) return 1000;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new TypeError(
      `analytics tracker: \`flushDelayMs\` must be a number of milliseconds, 0 or more (data-flush-delay-ms="500"), got ${String(value)}`,
    );
  return value;
}

/** The element a script tag configuration is read from. */
export interface ScriptElementLike {
  readonly src: string;
  getAttribute(name: string): string | null;
}

/**
 * Options from the script tag:
 * `<script src=".../tracker.js" data-project="web" data-endpoint="https://…/events" defer>`.
 * A boolean attribute is on when present, unless it says `false`.
 */
export function optionsFromScript(script: ScriptElementLike): TrackerOptions {
  const attr = (name: string): string | undefined => script.getAttribute(`data-${name}`) ?? undefined;
  const flag = (name: string): boolean | undefined => {
    const value = attr(name);
    return value === undefined ? undefined : value !== 'false';
  };
  return {
    project: attr('project') ?? '',
    endpoint: attr('endpoint') ?? (script.src ? new URL('/events', script.src).href : ''),
    apiKey: attr('key'),
    environment: attr('environment'),
    version: attr('version'),
    respectDoNotTrack: flag('respect-dnt'),
    autoPageviews: flag('auto'),
    hashRouting: flag('hash'),
    userId: attr('user-id'),
    ...(attr('flush-delay-ms') === undefined ? {} : { flushDelayMs: milliseconds(attr('flush-delay-ms')) }),
  };
}

/** A whole number of milliseconds as an attribute writes it; NaN for anything else (refused by `resolveOptions`). */
function milliseconds(text: string | undefined): number {
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
}
