/**
 * Every secret value the process learns (credentials read from config, tokens issued by vendors)
 * is registered here, so that any text leaving the process (log lines, error messages, stored
 * URLs) can be scrubbed by value, not only by the name of the parameter that carried it.
 *
 * A secret is registered with every encoding it can travel in: raw, JSON-escaped (a vendor
 * echoing it in a JSON error), URL- and form-encoded (a query or a form body), and base64 at the
 * three byte alignments it can have inside a Basic-auth header or any other base64 blob (the
 * characters that depend on the secret alone). Any length is registered: a short secret is
 * still a secret, and redacting a few innocent characters is the lesser harm. That holds for what
 * the user configures; a token a vendor issues is refused before it gets here when it is too short
 * to be a credential (auth/token-length.ts), so a broken or hostile token endpoint cannot make
 * every log line lose a common character.
 */
const registered = new Set<string>();
/** Every encoded form of every registered secret, longest first (a longer form is scrubbed whole). */
let forms: string[] = [];

/** Query parameters that carry credentials at one vendor or another. */
export const SECRET_PARAMS = [
  'access_token',
  'api_key',
  'apikey',
  'token',
  'client_secret',
  'password',
  'refresh_token',
  'secret',
] as const;

const REDACTED = '[redacted]';
const PARAMS = new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#\\s"']*`, 'gi');

export function registerSecret(value: string | undefined | null): void {
  if (!value || registered.has(value)) return;
  registered.add(value);
  const all = new Set(forms);
  for (const form of encodingsOf(value)) if (form) all.add(form);
  forms = [...all].sort((a, b) => b.length - a.length);
}

/** The forms a secret can take in text that leaves the process. */
function encodingsOf(secret: string): string[] {
  const out = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ];
  const bytes = Buffer.from(secret, 'utf8');
  for (let align = 0; align < 3; align++) {
    // base64 of the secret preceded by `align` other bytes: the characters that depend on the
    // secret's bytes alone start after the first group (when shifted) and stop before the last
    // incomplete one.
    const encoded = Buffer.concat([Buffer.alloc(align), bytes]);
    const start = align === 0 ? 0 : 4;
    const end = Math.floor(encoded.length / 3) * 4;
    for (const alphabet of ['base64', 'base64url'] as const) {
      const text = encoded.toString(alphabet);
      const core = text.slice(start, end);
      if (core.length >= 4) out.push(core);
      if (align === 0) out.push(text);
    }
  }
  return out;
}

/** True when `text` holds a registered secret in any of its encodings. */
export function containsSecret(text: string): boolean {
  return forms.some((form) => text.includes(form));
}

export function redact(text: string): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out.replace(PARAMS, `$1${REDACTED}`);
}

/** Removes credential-carrying parameters from a URL so it can be stored in a queue message or log. */
export function sanitizeUrl(url: string | URL): string {
  const parsed = new URL(url.toString());
  for (const [name, value] of [...parsed.searchParams]) {
    if ((SECRET_PARAMS as readonly string[]).includes(name.toLowerCase()) || containsSecret(value))
      parsed.searchParams.delete(name);
  }
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

/**
 * Text made safe for a terminal or a log line: control characters (escape sequences that could
 * clear the screen, set the title, move the cursor, or a newline that fakes another line), C1
 * controls and bidirectional overrides become visible `\xNN`/`\uNNNN` escapes; tabs become
 * spaces; secrets are redacted. `keepNewlines` keeps line breaks (our own multi-line usage text).
 */
export function printable(text: string, options: { keepNewlines?: boolean } = {}): string {
  return redact(text)
    .replace(/\t/g, ' ')
    .replace(UNPRINTABLE, (c) => {
      if (c === '\n' && options.keepNewlines) return c;
      const code = c.charCodeAt(0);
      return code > 0xff
        ? `\\u${code.toString(16).padStart(4, '0')}`
        : `\\x${code.toString(16).padStart(2, '0')}`;
    });
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** For tests: forget registered secrets between cases. */
export function clearRegisteredSecrets(): void {
  registered.clear();
  forms = [];
}
