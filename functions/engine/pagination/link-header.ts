/**
 * Parses an RFC 8288 Link header into rel → URL. Tolerates the typographic quotes that appear in
 * AdMaster's documentation (rel=”next”) as well as plain ones.
 */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>(.*)/s.exec(part.trim());
    if (!match) continue;
    const rel = /rel\s*=\s*["”“']?([^"”“';\s]+)/i.exec(match[2]!);
    if (rel) for (const name of rel[1]!.split(/\s+/)) links[name.toLowerCase()] = match[1]!;
  }
  return links;
}
