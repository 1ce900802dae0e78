// Generated from contracts/iceberg-rest-catalog.yaml by `npm run codegen`. Do not edit: change the contract and regenerate.

import { client } from './client.gen.ts';
import { type Client, type ClientMeta, type Options as Options2, type RequestResult, type TDataShape, urlSearchParamsBodySerializer } from './client/index.ts';
import type { CommitTransactionData, CommitTransactionErrors, CommitTransactionResponses, CreateNamespaceData, CreateNamespaceErrors, CreateNamespaceResponses, CreateTableData, CreateTableErrors, CreateTableResponses, DropNamespaceData, DropNamespaceErrors, DropNamespaceResponses, DropTableData, DropTableErrors, DropTableResponses, GetConfigData, GetConfigErrors, GetConfigResponses, GetTokenData, GetTokenErrors, GetTokenResponses, ListNamespacesData, ListNamespacesErrors, ListNamespacesResponses, ListTablesData, ListTablesErrors, ListTablesResponses, LoadNamespaceMetadataData, LoadNamespaceMetadataErrors, LoadNamespaceMetadataResponses, LoadTableData, LoadTableErrors, LoadTableResponses, NamespaceExistsData, NamespaceExistsErrors, NamespaceExistsResponses, RegisterTableData, RegisterTableErrors, RegisterTableResponses, RenameTableData, RenameTableErrors, RenameTableResponses, ReportMetricsData, ReportMetricsErrors, ReportMetricsResponses, TableExistsData, TableExistsErrors, TableExistsResponses, UpdatePropertiesData, UpdatePropertiesErrors, UpdatePropertiesResponses, UpdateTableData, UpdateTableErrors, UpdateTableResponses } from './types.gen.ts';

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
 * Catalog configuration (call first)
 *
 * Clients merge the result as defaults, then their own properties, then overrides. We return
 * no `prefix`; `endpoints` lists every operation we serve as `"<METHOD> /v1/{prefix}/..."`
 * strings, in the upstream spelling (clients match them literally).
 *
 */
export const getConfig = <ThrowOnError extends boolean = false>(options?: Options<GetConfigData, ThrowOnError>): RequestResult<GetConfigResponses, GetConfigErrors, ThrowOnError> => (options?.client ?? client).get<GetConfigResponses, GetConfigErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/config',
    ...options
});

/**
 * Exchange client credentials for a bearer token (deprecated upstream; kept for clients that default to it)
 *
 * OAuth2 client-credentials flow (`grant_type=client_credentials`, `client_id`,
 * `client_secret`, `scope=catalog`) and token exchange. Errors use the OAuth error body, not
 * the Iceberg error model.
 *
 *
 * @deprecated
 */
export const getToken = <ThrowOnError extends boolean = false>(options: Options<GetTokenData, ThrowOnError>): RequestResult<GetTokenResponses, GetTokenErrors, ThrowOnError> => (options.client ?? client).post<GetTokenResponses, GetTokenErrors, ThrowOnError>({
    ...urlSearchParamsBodySerializer,
    url: '/v1/oauth/tokens',
    ...options,
    headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...options.headers
    }
});

/**
 * List namespaces one level below `parent` (top level when absent)
 */
export const listNamespaces = <ThrowOnError extends boolean = false>(options?: Options<ListNamespacesData, ThrowOnError>): RequestResult<ListNamespacesResponses, ListNamespacesErrors, ThrowOnError> => (options?.client ?? client).get<ListNamespacesResponses, ListNamespacesErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces',
    ...options
});

/**
 * Create a namespace with optional properties
 */
export const createNamespace = <ThrowOnError extends boolean = false>(options: Options<CreateNamespaceData, ThrowOnError>): RequestResult<CreateNamespaceResponses, CreateNamespaceErrors, ThrowOnError> => (options.client ?? client).post<CreateNamespaceResponses, CreateNamespaceErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options.headers
    }
});

/**
 * Drop an empty namespace
 */
export const dropNamespace = <ThrowOnError extends boolean = false>(options: Options<DropNamespaceData, ThrowOnError>): RequestResult<DropNamespaceResponses, DropNamespaceErrors, ThrowOnError> => (options.client ?? client).delete<DropNamespaceResponses, DropNamespaceErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}',
    ...options
});

/**
 * Load a namespace's properties
 */
export const loadNamespaceMetadata = <ThrowOnError extends boolean = false>(options: Options<LoadNamespaceMetadataData, ThrowOnError>): RequestResult<LoadNamespaceMetadataResponses, LoadNamespaceMetadataErrors, ThrowOnError> => (options.client ?? client).get<LoadNamespaceMetadataResponses, LoadNamespaceMetadataErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}',
    ...options
});

/**
 * Whether a namespace exists (no body)
 */
export const namespaceExists = <ThrowOnError extends boolean = false>(options: Options<NamespaceExistsData, ThrowOnError>): RequestResult<NamespaceExistsResponses, NamespaceExistsErrors, ThrowOnError> => (options.client ?? client).head<NamespaceExistsResponses, NamespaceExistsErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}',
    ...options
});

/**
 * Set and remove namespace properties
 *
 * Keys not named in the request are left alone. A key in both `removals` and `updates` is a 422.
 */
export const updateProperties = <ThrowOnError extends boolean = false>(options: Options<UpdatePropertiesData, ThrowOnError>): RequestResult<UpdatePropertiesResponses, UpdatePropertiesErrors, ThrowOnError> => (options.client ?? client).post<UpdatePropertiesResponses, UpdatePropertiesErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}/properties',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options.headers
    }
});

/**
 * List the tables in a namespace
 */
export const listTables = <ThrowOnError extends boolean = false>(options: Options<ListTablesData, ThrowOnError>): RequestResult<ListTablesResponses, ListTablesErrors, ThrowOnError> => (options.client ?? client).get<ListTablesResponses, ListTablesErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}/tables',
    ...options
});

/**
 * Create a table, or stage a create (`stage-create`) to be committed later
 *
 * With `stage-create: false` (the default) the table exists when this returns. With
 * `stage-create: true` nothing is created: the response holds initial metadata and no
 * `metadata-location`, and the client later commits the whole create (requirement
 * `assert-create` plus the initial updates) to the table's commit route. When `location` is
 * absent the server chooses `<warehouse>/<namespace levels>/<name>`.
 *
 */
export const createTable = <ThrowOnError extends boolean = false>(options: Options<CreateTableData, ThrowOnError>): RequestResult<CreateTableResponses, CreateTableErrors, ThrowOnError> => (options.client ?? client).post<CreateTableResponses, CreateTableErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}/tables',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options.headers
    }
});

/**
 * Register an existing metadata file as a table
 */
export const registerTable = <ThrowOnError extends boolean = false>(options: Options<RegisterTableData, ThrowOnError>): RequestResult<RegisterTableResponses, RegisterTableErrors, ThrowOnError> => (options.client ?? client).post<RegisterTableResponses, RegisterTableErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}/register',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options.headers
    }
});

/**
 * Drop a table, optionally purging its files
 */
export const dropTable = <ThrowOnError extends boolean = false>(options: Options<DropTableData, ThrowOnError>): RequestResult<DropTableResponses, DropTableErrors, ThrowOnError> => (options.client ?? client).delete<DropTableResponses, DropTableErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}/tables/{table}',
    ...options
});

/**
 * Load a table's metadata and configuration
 *
 * Returns the current metadata (as in the metadata JSON file), its location, and per-table
 * `config` (S3 endpoint, path-style access, region and, when delegation is requested,
 * vended credentials). `If-None-Match` with the ETag of an earlier response answers 304 when
 * the metadata has not changed.
 *
 */
export const loadTable = <ThrowOnError extends boolean = false>(options: Options<LoadTableData, ThrowOnError>): RequestResult<LoadTableResponses, LoadTableErrors, ThrowOnError> => (options.client ?? client).get<LoadTableResponses, LoadTableErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}/tables/{table}',
    ...options
});

/**
 * Whether a table exists (no body)
 */
export const tableExists = <ThrowOnError extends boolean = false>(options: Options<TableExistsData, ThrowOnError>): RequestResult<TableExistsResponses, TableExistsErrors, ThrowOnError> => (options.client ?? client).head<TableExistsResponses, TableExistsErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}/tables/{table}',
    ...options
});

/**
 * Commit requirements and updates to a table (also completes a staged create)
 *
 * Every requirement is checked against the table's current metadata; if one fails the answer
 * is 409 (CommitFailedException) and the client may retry. Updates are then applied in order,
 * a new metadata file is written and the table pointer is swapped atomically. Unknown
 * requirement or update types are a 400. A 500, 502 or 504 means the commit state is unknown:
 * the client must not delete files it wrote.
 *
 */
export const updateTable = <ThrowOnError extends boolean = false>(options: Options<UpdateTableData, ThrowOnError>): RequestResult<UpdateTableResponses, UpdateTableErrors, ThrowOnError> => (options.client ?? client).post<UpdateTableResponses, UpdateTableErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}/tables/{table}',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options.headers
    }
});

/**
 * Accept a scan or commit metrics report
 */
export const reportMetrics = <ThrowOnError extends boolean = false>(options: Options<ReportMetricsData, ThrowOnError>): RequestResult<ReportMetricsResponses, ReportMetricsErrors, ThrowOnError> => (options.client ?? client).post<ReportMetricsResponses, ReportMetricsErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/namespaces/{namespace}/tables/{table}/metrics',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options.headers
    }
});

/**
 * Rename a table (moving across namespaces is allowed)
 */
export const renameTable = <ThrowOnError extends boolean = false>(options: Options<RenameTableData, ThrowOnError>): RequestResult<RenameTableResponses, RenameTableErrors, ThrowOnError> => (options.client ?? client).post<RenameTableResponses, RenameTableErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/tables/rename',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options.headers
    }
});

/**
 * Commit changes to several tables atomically
 *
 * Every `table-changes` entry must carry its `identifier`. Either every change is applied or
 * none is. No metadata is returned: clients reload the tables.
 *
 */
export const commitTransaction = <ThrowOnError extends boolean = false>(options: Options<CommitTransactionData, ThrowOnError>): RequestResult<CommitTransactionResponses, CommitTransactionErrors, ThrowOnError> => (options.client ?? client).post<CommitTransactionResponses, CommitTransactionErrors, ThrowOnError>({
    security: [{
            key: 'OAuth2',
            scheme: 'bearer',
            type: 'http'
        }, {
            key: 'BearerAuth',
            scheme: 'bearer',
            type: 'http'
        }],
    url: '/v1/transactions/commit',
    ...options,
    headers: {
        'Content-Type': 'application/json',
        ...options.headers
    }
});
