import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Whether the server asked for the body (100 Continue) before answering. */
  continued: boolean;
}

export interface RawRequest {
  method: string;
  /** Sent as written: no normalization of `..` or percent-escapes, unlike fetch. */
  path: string;
  headers?: Record<string, string>;
  /** Written one after another; without a content-length header the body goes chunked. */
  chunks?: Buffer[];
  /** Waits for 100 Continue before sending the body, as curl does for large uploads. */
  expectContinue?: boolean;
}

/**
 * One HTTP request over a fresh connection. A connection the server drops after answering is not a failure: what
 * was answered is returned.
 */
export function rawRequest(origin: string, options: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  const headers = { ...options.headers, ...(options.expectContinue ? { Expect: '100-continue' } : {}) };
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = request({
      host: hostname,
      port,
      method: options.method,
      path: options.path,
      headers,
      agent: false,
    });
    const send = () => {
      for (const chunk of options.chunks ?? []) req.write(chunk);
      req.end();
    };
    req.on('continue', () => {
      continued = true;
      send();
    });
    let answered = false;
    req.on('response', (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, continued }),
      );
      response.on('error', reject);
    });
    // EPIPE/ECONNRESET while still writing a body the server refused: the answer (if any) arrives anyway.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.on('close', () => {
      if (!answered) reject(new Error(`connection closed without an answer to ${options.method}`));
    });
    if (!options.expectContinue) send();
  });
}

/** The path and query of a URL, for rawRequest. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}
