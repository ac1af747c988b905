import { numberAt } from '../json-path.js';
import { vendorMessage } from '../vendor-message.js';

/**
 * How a connector says what its vendor's answers mean, as one ordered list (in the manner of
 * Airbyte's response filters): the first rule that matches an answer decides. The engine appends
 * its own defaults to every list (`defaultRules`): a status of the retry policy is retried,
 * any other refusal fails.
 *
 * Where rules are read:
 * - `response`: every non-2xx API answer (rules without `statusAt`);
 * - `grant`: a refused token grant (the same rules, but none that re-authenticates: a grant is
 *   the re-authentication; whatever is not retried then fails as a refused grant);
 * - `body`: every 2xx JSON page, for rules with `statusAt` (a vendor that echoes its real status
 *   in the body, like TUNE's status_code);
 * - `stream`: an error line inside a stream (rules with a `body` pattern; "the same type of error
 *   message is used for both Paginated and Streaming responses", MediaMath).
 */
export interface ResponseRule {
  /** The statuses it applies to: one, a list, or a class; absent: every status that is not 2xx. */
  status?: StatusMatch;
  /**
   * Read the status from these dotted paths of a 2xx JSON body (the first present counts)
   * instead of the HTTP status line.
   */
  statusAt?: readonly string[];
  /**
   * A predicate on the body: a pattern the vendor's message (or failing that, the raw body) must
   * match, whose first group names the subject (e.g. the unknown field); or a test of the parsed
   * JSON body.
   */
  body?: RegExp | ((json: unknown) => boolean);
  action: ResponseAction;
}

export type StatusMatch = number | readonly number[] | '4xx' | '5xx';

export type ResponseAction =
  /** Transient: retried under the retry policy, honouring Retry-After. */
  | { do: 'retry' }
  /** Final: the partition fails with the vendor's status and message. */
  | { do: 'fail' }
  /**
   * The token is not accepted: replace it and send again (a few times). Still refused with fresh
   * tokens: an authentication error (retried under the policy, since the grant itself worked), or,
   * with `stillRefused: 'not-found'`, "the resource does not exist" (AdMaster's 404 for both):
   * one fresh token per attempt, and the not-found error is retried under the policy too, since
   * a token revoked again before use gets the same answer; it is final when the attempts are spent.
   */
  | { do: 'reauthenticate'; stillRefused?: 'auth' | 'not-found' }
  /**
   * Over the vendor's limit: every request of the source waits for what the vendor names (the
   * later of Retry-After and its reset header), else for RetryPolicy.rateLimitWaitMs (60 s).
   */
  | { do: 'rate-limited' }
  /** The source's configuration asks for something the vendor does not have: never retried. */
  | { do: 'config-error'; explain: (answer: { subject?: string; message: string; source: string }) => string }
  /** The vendor's data no longer has the shape the report expects: schema drift, never retried. */
  | { do: 'drift' }
  /** The status read at `statusAt` stands for the HTTP status: the whole list judges it as one. */
  | { do: 'as-http-status' };

export type AnswerPhase = 'response' | 'grant' | 'body' | 'stream';

/** What a rule is judged against. */
export interface VendorAnswer {
  status: number;
  /** The body as text (for a stream: the line). */
  text: string;
  /** The parsed body, when the caller already has it. */
  json?: unknown;
}

export interface RuleMatch {
  action: ResponseAction;
  /** The status the rule matched (the body's, for `statusAt`). */
  status: number;
  /** The vendor's message: the human part of its body, one line, without secrets. */
  message: string;
  /** The pattern's first group, when it has one. */
  subject?: string;
}

/** The first rule that matches, or undefined. */
export function matchAnswer(
  rules: readonly ResponseRule[],
  answer: VendorAnswer,
  phase: AnswerPhase,
): RuleMatch | undefined {
  let message: string | undefined;
  let json: { value: unknown } | undefined = 'json' in answer ? { value: answer.json } : undefined;
  const parsed = () => {
    json ??= { value: parseOrUndefined(answer.text) };
    return json.value;
  };
  for (const rule of rules) {
    if (phase === 'grant' && rule.action.do === 'reauthenticate') continue;
    if ((phase === 'body') !== (rule.statusAt !== undefined)) continue;
    const status =
      rule.statusAt !== undefined
        ? rule.statusAt.map((path) => numberAt(parsed(), path)).find((value) => value !== undefined)
        : answer.status;
    if (status === undefined) continue;
    if (phase === 'stream' ? rule.body === undefined : !statusMatches(rule.status, status)) continue;
    let subject: string | undefined;
    if (rule.body instanceof RegExp) {
      message ??= vendorMessage(answer.text);
      const match = rule.body.exec(message) ?? rule.body.exec(answer.text);
      if (!match) continue;
      subject = match[1];
    } else if (rule.body && !rule.body(parsed())) continue;
    if (rule.action.do === 'as-http-status')
      return matchAnswer(rules, { status, text: answer.text, json: parsed() }, 'response');
    message ??= vendorMessage(answer.text);
    return { action: rule.action, status, message, ...(subject !== undefined ? { subject } : {}) };
  }
  return undefined;
}

/**
 * The engine's rules after every connector's own: 429 is a rate-limit refusal whatever else it
 * carries (RFC 6585 §4: Retry-After is optional, so without one the source waits its fallback);
 * the retry policy's other statuses retry; any other refusal fails.
 */
export function defaultRules(retryStatuses: readonly number[]): ResponseRule[] {
  return [
    { status: 429, action: { do: 'rate-limited' } },
    { status: retryStatuses, action: { do: 'retry' } },
    { action: { do: 'fail' } },
  ];
}

function statusMatches(match: StatusMatch | undefined, status: number): boolean {
  if (match === undefined) return status < 200 || status >= 300;
  if (typeof match === 'number') return status === match;
  if (match === '4xx') return status >= 400 && status < 500;
  if (match === '5xx') return status >= 500 && status < 600;
  return (match as readonly number[]).includes(status);
}

/**
 * A vendor that answers 2xx and echoes its real status in the body (TUNE's status_code or
 * status_pre, Adcloud's status): a non-2xx status there is judged as if it were the HTTP status
 * (a 5xx or 429 is retried, a 401 is a refused credential, and so on).
 */
export function statusInBody(...paths: string[]): ResponseRule {
  return { statusAt: paths, action: { do: 'as-http-status' } };
}

/**
 * The vendor's answer that a requested field does not exist (`pattern`'s first group captures
 * it) as a configuration error naming the field, the source and the option that chooses fields.
 */
export function unknownField(pattern: RegExp, option: string, status: StatusMatch = '4xx'): ResponseRule {
  return {
    status,
    body: pattern,
    action: {
      do: 'config-error',
      explain: ({ subject, message, source }) =>
        `the vendor has no field "${subject ?? '?'}" here ("${message}"): remove it from ${option} of source "${source}"`,
    },
  };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The token is not accepted at `status` (401 for most vendors): replace it and send again. */
export function reauthenticateOn(status: StatusMatch): ResponseRule {
  return { status, action: { do: 'reauthenticate' } };
}
