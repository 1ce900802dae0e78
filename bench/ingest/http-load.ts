/**
 * The ingest benchmark's load generator: a few keep-alive HTTP/1.1
 * connections, each sending prebuilt requests one after another (as wrk or
 * autocannon do). The benchmark shares two cores with what it measures, and
 * `fetch` spent about 14 µs of CPU per event of a 100-event request, as much
 * as the dev server in front of the Worker; this spends about 1.5.
 */
import { connect, type Socket } from 'node:net';

/** What one run of requests measured. */
export interface LoadResult {
  readonly seconds: number;
  /** Latency of each request, ms, in completion order. */
  readonly latenciesMs: number[];
  /** Requests answered with another status than `expect`, by status. */
  readonly unexpected: Map<number, number>;
}

export interface LoadOptions {
  readonly url: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodies: readonly Buffer[];
  readonly concurrency: number;
  readonly expect: number;
  /** Called every `progressMs` with the requests answered so far. */
  readonly onProgress?: (done: number, seconds: number) => void;
  readonly progressMs?: number;
}

/** Sends every body once, `concurrency` at a time, and waits for every answer. */
export async function sendAll(options: LoadOptions): Promise<LoadResult> {
  const { hostname, port } = new URL(options.url);
  const head = (length: number) =>
    Buffer.from(
      `POST ${options.path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n${Object.entries(options.headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}content-length: ${length}\r\n\r\n`,
      'latin1',
    );
  const connections = await Promise.all(
    Array.from({ length: options.concurrency }, () => Connection.open(hostname, Number(port))),
  );
  const latenciesMs: number[] = [];
  const unexpected = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  const progress =
    options.onProgress &&
    setInterval(
      () => options.onProgress?.(latenciesMs.length, (performance.now() - started) / 1000),
      options.progressMs ?? 2_000,
    );
  try {
    await Promise.all(
      connections.map(async (connection) => {
        while (next < options.bodies.length) {
          const body = options.bodies[next++] as Buffer;
          const t = performance.now();
          const status = await connection.request(head(body.length), body);
          latenciesMs.push(performance.now() - t);
          if (status !== options.expect) unexpected.set(status, (unexpected.get(status) ?? 0) + 1);
        }
      }),
    );
  } finally {
    if (progress) clearInterval(progress);
    for (const c of connections) c.close();
  }
  return { seconds: (performance.now() - started) / 1000, latenciesMs, unexpected };
}

/** One keep-alive connection: a request at a time, the answer read to its end (length or chunks). */
class Connection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #waiting: { resolve: (status: number) => void; reject: (error: Error) => void } | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? data : Buffer.concat([this.#buffer, data]);
      this.#read();
    });
    const fail = (error: Error) => {
      this.#waiting?.reject(error);
      this.#waiting = undefined;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by the server')));
  }

  static open(host: string, port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => resolve(new Connection(socket)));
      socket.once('error', reject);
    });
  }

  request(head: Buffer, body: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#socket.write(head);
      this.#socket.write(body);
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  /** Takes one complete answer off the buffer, if there is one, and hands its status over. */
  #read(): void {
    if (this.#waiting === undefined) return;
    const headEnd = this.#buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.#buffer.subarray(0, headEnd).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    let end: number;
    if (length) {
      end = headEnd + 4 + Number(length[1]);
      if (this.#buffer.length < end) return;
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const last = chunkedEnd(this.#buffer, headEnd + 4);
      if (last === undefined) return;
      end = last;
    } else {
      this.#waiting.reject(new Error(`answer without a length: ${head.split('\r\n')[0]}`));
      this.#waiting = undefined;
      return;
    }
    this.#buffer = this.#buffer.subarray(end);
    const { resolve } = this.#waiting;
    this.#waiting = undefined;
    resolve(status);
  }
}

/** Where a chunked body that starts at `from` ends, or undefined when it has not all arrived. */
function chunkedEnd(buffer: Buffer, from: number): number | undefined {
  let at = from;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(buffer.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) {
      // No trailers are sent here: the last chunk is followed by an empty line.
      return buffer.length >= lineEnd + 4 ? lineEnd + 4 : undefined;
    }
    at = lineEnd + 2 + size + 2;
    if (at > buffer.length) return undefined;
  }
}
