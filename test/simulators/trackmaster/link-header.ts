/**
 * GitHub-style pagination Link header, as in admaster-api-protocol.txt ("Pagination"):
 *   Link: <url?page=3&per_page=100>; rel="next", <url?page=50&per_page=100>; rel="last"
 * The doc prints typographic quotes (”next”); we send plain ASCII quotes like the API it copies.
 * URLs keep every query parameter of the request (access_token included, when it came that way)
 * and only change `page`. first/prev are sent too, as on GitHub; no header at all for one page.
 */
export function paginationLinkHeader(requestUrl: URL, page: number, pageCount: number): string | undefined {
  const links: Array<[number, string]> = [];
  if (page < pageCount) links.push([page + 1, 'next'], [pageCount, 'last']);
  if (page > 1) links.push([1, 'first'], [Math.min(page - 1, pageCount), 'prev']);
  if (links.length === 0) return undefined;
  return links
    .map(([target, rel]) => {
      const url = new URL(requestUrl);
      url.searchParams.set('page', String(target));
      return `<${url.href}>; rel="${rel}"`;
    })
    .join(', ');
}
