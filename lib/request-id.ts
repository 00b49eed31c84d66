/** The request header (and response header) carrying the id the proxy gives each request. */
export const REQUEST_ID_HEADER = "x-request-id";
