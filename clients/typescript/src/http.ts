// Reading the service's HTTP answers: problem details (RFC 9457) and Retry-After.
import { StreamRequestError } from './errors.js';
import type { ProblemDetails } from './protocol.js';

/** The error for a response that is not a 2xx: its problem details when it has them, else its status text and body. */
export async function problemOf(response: Response): Promise<StreamRequestError> {
  // Without a title, StreamRequestError's message names the status.
  let problem: ProblemDetails = response.statusText ? { status: response.status, title: response.statusText } : { status: response.status };
  try {
    const text = await response.text();
    const type = response.headers.get('Content-Type') ?? '';
    if (/json/i.test(type) && text.length > 0) {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        problem = parsed as ProblemDetails;
      }
    } else if (text.length > 0) {
      problem = { ...problem, detail: text.slice(0, 500) };
    }
  } catch {
    // A body that cannot be read or parsed: the status says enough.
  }

  return new StreamRequestError(response.status, problem, retryAfterSeconds(response.headers.get('Retry-After')));
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or undefined when there is none. */
function retryAfterSeconds(header: string | null): number | undefined {
  const value = header?.trim();
  if (!value) {
    return undefined;
  }

  if (/^\d+$/.test(value)) {
    return Number(value);
  }

  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
