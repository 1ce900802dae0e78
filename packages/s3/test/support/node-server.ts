/**
 * Serve a `(Request) => Promise<Response>` handler with node:http on
 * 127.0.0.1 and a free port, for driving the S3 handler with real clients.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** A running test server: its origin (http://127.0.0.1:port) and a way to stop it. */
export interface RunningServer {
  readonly origin: string;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  const method = req.method ?? 'GET';
  const scheme = 'encrypted' in req.socket ? 'https' : 'http';
  return new Request(`${scheme}://${req.headers.host}${req.url}`, {
    method,
    headers,
    ...(body && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
  });
}

async function send(res: ServerResponse, response: Response, method: string): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (method === 'HEAD' || !response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

/** Serve a fetch-style handler with node:http (or node:https with `tls`) on 127.0.0.1 and a free port. */
export async function serve(
  handler: (request: Request) => Promise<Response>,
  tls?: { key: string; cert: string },
): Promise<RunningServer> {
  const listener: RequestListener = (req, res) => {
    toRequest(req)
      .then((request) => handler(request))
      .then((response) => send(res, response, req.method ?? 'GET'))
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
  };
  const server = tls ? createTlsServer(tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
