import type { TrackerHost } from './host.ts';
import { optionsFromScript, type ScriptElementLike } from './options.ts';
import { createTracker, type Tracker, type TrackerDependencies } from './tracker.ts';

/** The global the script tag installs: `tracker('track', 'signup', { plan: 'pro' })` or `tracker.track(...)`. */
export const GLOBAL_NAME = 'tracker';

/** `window.tracker`: a function taking a method name and its arguments, with the methods as members too. */
export type GlobalTracker = ((method: string, ...args: unknown[]) => unknown) & Tracker;

const METHODS = ['track', 'pageview', 'setUser', 'trackVideo', 'flush'] as const;

/**
 * Starts the tracker the way `<script src=".../tracker.js" data-project=… defer>`
 * does: options from the tag's `data-*` attributes, then `window.tracker`,
 * which first replays the calls a page queued before the script arrived with
 * the usual stub:
 *
 *     <script>window.tracker=window.tracker||function(){(tracker.q=tracker.q||[]).push(arguments)}</script>
 *
 * Returns undefined (after a console warning) when the tag is missing or
 * misconfigured: a broken analytics tag must not break the page.
 */
export function startFromScriptTag(
  host: TrackerHost,
  script: ScriptElementLike | null,
  dependencies?: TrackerDependencies,
): GlobalTracker | undefined {
  const warn = dependencies?.warn ?? ((message: string) => console.warn(message));
  if (script === null) {
    warn(
      'analytics tracker: tracker.js must be loaded by a <script src> tag; use the module build to import it',
    );
    return undefined;
  }
  const globals = host as unknown as Record<string, unknown>;
  const stub = globals[GLOBAL_NAME] as { q?: ArrayLike<unknown>[] } | undefined;
  const queued = Array.from(stub?.q ?? [], (call) => Array.from(call));
  // `setUser` calls queued ahead of everything else name the visitor of the
  // first page view too, which starts as the tracker does.
  let leadingUser: unknown;
  for (const [method, userId] of queued) {
    if (method !== 'setUser') break;
    leadingUser = userId;
  }
  let tracker: Tracker;
  try {
    const options = optionsFromScript(script);
    tracker = createTracker(
      typeof leadingUser === 'string' ? { ...options, userId: leadingUser } : options,
      host,
      dependencies,
    );
  } catch (error) {
    warn((error as Error).message);
    return undefined;
  }
  const api = Object.assign((method: string, ...args: unknown[]): unknown => {
    if (!(METHODS as readonly string[]).includes(method)) {
      warn(`analytics tracker: no method ${JSON.stringify(method)}; use one of ${METHODS.join(', ')}`);
      return undefined;
    }
    return (tracker[method as (typeof METHODS)[number]] as (...a: unknown[]) => unknown)(...args);
  }, tracker);
  globals[GLOBAL_NAME] = api;
  for (const [method, ...args] of queued) api(String(method), ...args);
  return api;
}
