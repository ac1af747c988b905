/**
 * Parses an RFC 8288 Link header into rel → URL.
 *
 * AdMaster's protocol document prints its rel values in typographic quotes (admaster-api-protocol
 * .txt:98-99 and 186: rel=”next”). A server that copied the document sends those quotes as UTF-8
 * bytes, and HTTP headers reach us decoded as Latin-1 (the Fetch standard's byte strings), so the
 * quote arrives as three characters (â, U+0080, U+009D). Any quoting is therefore skipped: a rel
 * value is only the registered relation-type characters (RFC 8288 §3.3: a letter, then letters,
 * digits, '.' and '-'), whatever surrounds them. Misreading "next" would end pagination after
 * page one while the run reports success, so the tolerant reading is the safe one.
 */
const REL = /\brel\s*=\s*([^;,]*)/i;
const RELATION_TYPE = /[A-Za-z][A-Za-z0-9.-]*/g;

export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>(.*)/s.exec(part.trim());
    if (!match) continue;
    const rel = REL.exec(match[2]!);
    if (!rel) continue;
    for (const name of rel[1]!.match(RELATION_TYPE) ?? []) links[name.toLowerCase()] = match[1]!;
  }
  return links;
}
