/**
 * The entry of `tracker.js`, the script-tag build:
 * `<script src=".../tracker.js" data-project="web" data-endpoint="https://…/events" defer>`.
 */
import { startFromScriptTag } from './script-tag.ts';

startFromScriptTag(window, document.currentScript as HTMLScriptElement | null);
