import type { IncomingMessage, ServerResponse } from 'node:http';

/** A route handler: answers the request and returns true, or returns false to let the next one try. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
