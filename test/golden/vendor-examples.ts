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
