/**
 * MediaMath error answers (mediamath-reporting-api-v2.txt, "Error responses"):
 *   {"error_code": "BadRequest", "request_id": "74K33s47Yd1ns97E9RZsfFhn1Gj0ehYs", "message": "..."}
 */
import { STATUS_CODES } from 'node:http';
import type { BufferedResponse } from '../base/responses.js';
import { jsonResponse } from '../base/responses.js';
import { randomId } from '../base/token-registry.js';

/** A request the API refuses with 400 BadRequest. */
export class BadRequestError extends Error {}

/** The doc only shows BadRequest; the other codes are the HTTP reason phrases without spaces. */
export function errorCodeFor(status: number): string {
  if (status === 500) return 'InternalError';
  return (STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, '');
}

export function errorObject(status: number, message: string): Record<string, string> {
  return { error_code: errorCodeFor(status), request_id: randomId(32), message };
}

export function mediaMathError(status: number, message: string): BufferedResponse {
  return jsonResponse(status, errorObject(status, message));
}
