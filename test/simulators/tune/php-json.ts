/**
 * TUNE's answers as its PHP service encodes them (tune-management-api.txt, "Endpoint Action's
 * Return": `"website": "http:\/\/www.hasoffers.com"`): compact JSON with "/" escaped as "\/" and
 * non-ASCII characters as \uXXXX, which is what PHP's json_encode does by default. The document
 * shows no non-ASCII text; the independent server (test/independent/servers/tune.ts) also serves
 * UTF-8 (JSON_UNESCAPED_UNICODE), and response_size counts bytes either way.
 */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('/', '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The name of the echoed status. The users example ("Endpoint Action's Return") prints
 * "status_code"; the JSON, JSONP and error transformations ("Understanding Action's Reponse Format
 * Choices") print "status_pre". Both are printed, so the simulator serves either.
 */
export type TuneStatusField = 'status_code' | 'status_pre';

/**
 * The envelope {"status_code", "response_size", "data"} with `response_size` the byte length of
 * the whole body, itself included: the document's users example declares "327", the length of
 * that example served compactly (its `data` alone is 278 bytes). The size is a string, as in
 * every example of the document. Solved as a fixed point because the number counts its own digits.
 */
export function tuneBody(
  status: number,
  data: unknown,
  sizeOverride?: string,
  statusField: TuneStatusField = 'status_code',
): string {
  const encode = (size: string) => phpJsonEncode({ [statusField]: status, response_size: size, data });
  if (sizeOverride !== undefined) return encode(sizeOverride);
  let size = 0;
  for (;;) {
    const body = encode(String(size));
    const length = Buffer.byteLength(body, 'utf8');
    if (length === size) return body;
    size = length;
  }
}
