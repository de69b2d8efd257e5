import { StreamRequestError } from './errors.js';
/** The error for a response that is not a 2xx: its problem details when it has them, else its status text and body. */
export declare function problemOf(response: Response): Promise<StreamRequestError>;
