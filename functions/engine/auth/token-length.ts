/**
 * The shortest vendor-issued token (access or refresh) taken as a credential. Every issued token
 * is registered with the redactor (secrets.ts), which then scrubs it wherever it appears in any
 * text leaving the process: a one-character token would turn every occurrence of that character
 * in every log line and error into "[redacted]". A token that short cannot be a credential
 * anyway, so it is refused before it is registered, used or cached.
 *
 * What the documents show of their tokens, all well above this floor:
 * - TrackMaster: 40 hexadecimal characters, access and refresh token alike
 *   (admaster-trackmaster-publisher-api.md:40, :42);
 * - MediaMath: a JWT ("Authentication is only done via JWT tokens", mediamath-reporting-api-v2.txt:17;
 *   "Authorization: Bearer $JWT_TOKEN", :369), three base64url parts of which the header alone is
 *   longer than this;
 * - Adcloud: a placeholder only (`{"access_token":"<ACCESS_TOKEN>","scope":""}`,
 *   adcloud-reports-api.txt:32), no length;
 * - TUNE issues no token: its API key, "32 characters long string" (tune-management-api.txt:223),
 *   is a configured credential, registered at any length like every credential the user gives.
 * Eight characters is far below all of them and far above the lengths at which redaction eats
 * ordinary text.
 */
export const MIN_TOKEN_CHARS = 8;

/** True when a vendor-issued token is long enough to be a credential (counted in characters). */
export function isCredentialLength(token: string): boolean {
  return [...token].length >= MIN_TOKEN_CHARS;
}
