import { getPath } from './json-path.js';
import { printable } from './secrets.js';

const MESSAGE_PATHS = [
  'message',
  'error_description',
  'error.message',
  'errors.0.message',
  'data.errors.0.message',
  'error',
];

/**
 * The human part of a vendor's error body, whatever its shape, shortened for one line, without
 * control characters or secrets (it reaches terminals and logs).
 */
export function vendorMessage(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return shorten(
      text
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  for (const path of MESSAGE_PATHS) {
    const value = getPath(parsed, path);
    if (typeof value === 'string' && value.trim()) return shorten(value.trim());
  }
  return shorten(text.trim());
}

function shorten(text: string): string {
  // Redacted before it is cut, so a secret across the cut cannot survive in part.
  const safe = printable(text);
  return safe.length > 300 ? `${safe.slice(0, 300)}…` : safe;
}
