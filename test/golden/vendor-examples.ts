/**
 * The vendor documents' literal example responses (../shared/vendor-docs/), copied verbatim
 * apart from layout, and served compactly the way each vendor serves them: the examples' own
 * declared sizes and counts say how. Each constant names the document and the lines it is from.
 */

/**
 * tune-management-api.txt, "Endpoint Action's Return": "The following is the JSON result from
 * /account/users/find.json". Compact, with "/" escaped as PHP does ("http:\/\/www.hasoffers.com"),
 * it is exactly the 327 bytes its response_size declares.
 */
export const TUNE_USERS_FIND =
  '{"status_code":200,"response_size":"327","data":[{"country_id":840,"region_id":48,"id":1587,' +
  '"type":"company","name":"HasOffers Demo Account","address1":"2220 Western Ave.","address2":"",' +
  '"city":"Seattle","zipcode":"98121","phone":"206-508-11318","website":"http:\\/\\/www.hasoffers.com",' +
  '"verified_phone":false,"status":"active"}]}';

/**
 * mediamath-reporting-api-v2.txt, "Examples" › "Paginated response" › "Response". Served as one
 * compact JSON object ("The actual responses won't have indentation"); answers a request for
 * fields campaign_id and impressions with rollup by_hour.
 */
export const MEDIAMATH_PAGINATED =
  '{"meta":{"page_index":0,"total_pages":1,"items_count":3,"total_items_count":3,"status":"OK"},' +
  '"results":[{"campaign_id":1,"impressions":93283,"agg_timestamp":"2023-07-27T12:00:00Z"},' +
  '{"campaign_id":2,"impressions":474,"agg_timestamp":"2023-07-27T12:00:00Z"},' +
  '{"campaign_id":3,"impressions":45775,"agg_timestamp":"2023-07-27T12:00:00Z"}]}';

/**
 * mediamath-reporting-api-v2.txt, "Examples" › "Streaming response" › "Successful response":
 * "the real response will be a single line per object". Header, two rows, a metadata line, a
 * row. Its header declares total_items_count 14 while it shows 3 rows: the example is cut short.
 */
export const MEDIAMATH_STREAMING_LINES = [
  '{"fields":[{"name":"agg_timestamp"},{"name":"campaign_id"},{"name":"impressions"}],"total_items_count":14}',
  '{"campaign_id":1,"impressions":93283,"agg_timestamp":"2023-07-27T12:00:00Z"}',
  '{"campaign_id":2,"impressions":474,"agg_timestamp":"2023-07-27T12:00:00Z"}',
  '{"meta":{}}',
  '{"campaign_id":3,"impressions":45775,"agg_timestamp":"2023-07-27T12:00:00Z"}',
] as const;

/** mediamath-reporting-api-v2.txt, "Error responses": the document's error example. */
export const MEDIAMATH_ERROR =
  '{"error_code":"BadRequest","request_id":"74K33s47Yd1ns97E9RZsfFhn1Gj0ehYs","message":"field does not exist in this dataset: campaign_id_test"}';

/**
 * adcloud-reports-api.txt, "Fetch advertiser reports": the collection envelope exactly as shown
 * (navigation URLs carrying the token, per_page 200, status 200), with `size` and the items made
 * consistent: the example's 11955 rows would be 60 pages, so two items are served, one per type
 * row of the attribute table ("A report_data_item consists of the following attributes").
 */
export function adcloudEnvelope(items: readonly Record<string, unknown>[], date: string): string {
  const url = (page: number) =>
    `https://api.adcloud.com/v1/reports/advertiser?access_token=<ACCESS_TOKEN>&filter%5Bdate%5D=${date}&page=${page}`;
  return JSON.stringify({
    collection: {
      first_url: url(1),
      last_url: url(1),
      next_url: null,
      prev_url: null,
      per_page: 200,
      size: items.length,
    },
    result: items,
    status: 200,
  });
}

/** One report_data_item per the attribute table: date "YYYY-MM-DD", int, varchar, float. */
export function adcloudItem(date: string, id: number): Record<string, unknown> {
  const ints = [
    'website_id',
    'topic_id',
    'ad_placement_id',
    'product_id',
    'ad_id',
    'booking_id',
    'design_id',
    'ad_position',
    'ad_count',
    'ad_impressions',
    'clicks',
    'clicks_overdelivered',
    'clicks_filtered',
    'clicks_image',
    'clicks_head',
    'clicks_txt',
    'clicks_link',
    'postclick_conversions',
    'postclick_conversions_overdelivered',
    'postclick_conversions_filtered',
    'postview_conversions',
    'postview_conversions_overdelivered',
    'postview_conversions_filtered',
    'cancellations',
  ];
  const floats = [
    'ad_impressions_costs',
    'clicks_costs',
    'postclick_conversions_costs',
    'postview_conversions_costs',
    'costs',
  ];
  return {
    date,
    ...Object.fromEntries(ints.map((name, i) => [name, id * 100 + i])),
    website: 'Spiegel Online',
    topic: 'Politics',
    position: 'right column',
    product: 'Adcloud Text',
    ad: 'Spring sale',
    booking: 'Booking 2024/05',
    page_type: 'Editorial Content',
    publisher: 'Spiegel',
    language: 'de',
    country: 'DE',
    currency: 'EUR',
    design: 'Medium Rectangle',
    ...Object.fromEntries(floats.map((name, i) => [name, id + i / 4])),
  };
}
