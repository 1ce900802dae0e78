// Generated from contracts/ingest.yaml by `npm run codegen`. Do not edit: change the contract and regenerate.

import { client } from './client.gen.ts';
import type { Client, ClientMeta, Options as Options2, RequestResult, TDataShape } from './client/index.ts';
import type { PostEventsData, PostEventsErrors, PostEventsResponses } from './types.gen.ts';

export type Options<TData extends TDataShape = TDataShape, ThrowOnError extends boolean = boolean, TResponse = unknown> = Options2<TData, ThrowOnError, TResponse> & {
    /**
     * You can provide a client instance returned by `createClient()` instead of
     * individual options. This might be also useful if you want to implement a
     * custom client.
     */
    client?: Client;
    /**
     * You can pass arbitrary values through the `meta` object. This can be
     * used to access values that aren't defined as part of the SDK function.
     */
    meta?: keyof ClientMeta extends never ? Record<string, unknown> : ClientMeta;
};

/**
 * Send one event or a batch of events
 *
 * Stores the valid events durably and answers 202 with what happened to each one. A request
 * where some events are invalid still succeeds for the valid ones (202, with `errors`);
 * a request where every event is invalid answers 422.
 *
 */
export const postEvents = <ThrowOnError extends boolean = false>(options: Options<PostEventsData, ThrowOnError>): RequestResult<PostEventsResponses, PostEventsErrors, ThrowOnError> => (options.client ?? client).post<PostEventsResponses, PostEventsErrors, ThrowOnError>({
    security: [{ name: 'X-API-Key', type: 'apiKey' }],
    url: '/events',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options.headers
    }
});
