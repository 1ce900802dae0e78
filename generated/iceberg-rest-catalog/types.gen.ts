// Generated from contracts/iceberg-rest-catalog.yaml by `npm run codegen`. Do not edit: change the contract and regenerate.

export type ClientOptions = {
    baseUrl: 'http://localhost:8787' | (string & {});
};

/**
 * Error details.
 */
export type ErrorModel = {
    /**
     * Human-readable message; clients and the compatibility kit match its prefix.
     */
    message: string;
    /**
     * Java exception simple name, e.g. NoSuchTableException; clients map it to an exception.
     */
    type: string;
    /**
     * The HTTP status.
     */
    code: number;
    stack?: Array<string>;
};

/**
 * Every non-2xx catalog response body.
 */
export type IcebergErrorResponse = {
    error: ErrorModel;
};

export type CatalogConfig = {
    /**
     * Applied before the client's own properties.
     */
    defaults: {
        [key: string]: string;
    };
    /**
     * Applied after the client's own properties (e.g. `warehouse`, `uri`).
     */
    overrides: {
        [key: string]: string;
    };
    /**
     * Supported operations as `"<METHOD> <path as in the upstream spec>"`, e.g. `"POST /v1/{prefix}/transactions/commit"`.
     */
    endpoints?: Array<string>;
    /**
     * ISO-8601 duration; we omit it (no idempotency-key replay).
     */
    'idempotency-key-lifetime'?: string;
};

/**
 * Client credentials or token exchange (form fields).
 */
export type OAuthTokenRequest = OAuthClientCredentialsRequest | OAuthTokenExchangeRequest;

export type OAuthClientCredentialsRequest = {
    grant_type: 'client_credentials';
    scope?: string;
    client_id: string;
    client_secret: string;
};

export type OAuthTokenExchangeRequest = {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange';
    scope?: string;
    requested_token_type?: TokenType;
    subject_token: string;
    subject_token_type: TokenType;
    actor_token?: string;
    actor_token_type?: TokenType;
};

/**
 * RFC 8693 §3 token type.
 */
export type TokenType = 'urn:ietf:params:oauth:token-type:access_token' | 'urn:ietf:params:oauth:token-type:refresh_token' | 'urn:ietf:params:oauth:token-type:id_token' | 'urn:ietf:params:oauth:token-type:saml1' | 'urn:ietf:params:oauth:token-type:saml2' | 'urn:ietf:params:oauth:token-type:jwt';

export type OAuthTokenResponse = {
    access_token: string;
    token_type: 'bearer' | 'mac' | 'N_A';
    /**
     * Seconds.
     */
    expires_in?: number;
    issued_token_type?: TokenType;
    refresh_token?: string;
    scope?: string;
};

export type OAuthError = {
    error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';
    error_description?: string;
    error_uri?: string;
};

/**
 * Namespace levels, outermost first.
 */
export type Namespace = Array<string>;

/**
 * Opaque paging token; `null` or absent in a response means the last page.
 */
export type PageToken = string | null;

export type TableIdentifier = {
    namespace: Namespace;
    name: string;
};

export type CreateNamespaceRequest = {
    namespace: Namespace;
    properties?: {
        [key: string]: string;
    };
};

export type CreateNamespaceResponse = {
    namespace: Namespace;
    properties?: {
        [key: string]: string;
    };
};

export type GetNamespaceResponse = {
    namespace: Namespace;
    properties?: {
        [key: string]: string;
    } | null;
};

export type ListNamespacesResponse = {
    'next-page-token'?: PageToken;
    namespaces?: Array<Namespace>;
};

export type UpdateNamespacePropertiesRequest = {
    removals?: Array<string>;
    updates?: {
        [key: string]: string;
    };
};

export type UpdateNamespacePropertiesResponse = {
    updated: Array<string>;
    removed: Array<string>;
    /**
     * Keys asked to be removed that were not set.
     */
    missing?: Array<string> | null;
};

export type ListTablesResponse = {
    'next-page-token'?: PageToken;
    identifiers?: Array<TableIdentifier>;
};

export type RenameTableRequest = {
    source: TableIdentifier;
    destination: TableIdentifier;
};

export type CreateTableRequest = {
    name: string;
    location?: string;
    schema: Schema;
    'partition-spec'?: PartitionSpec;
    'write-order'?: SortOrder;
    'stage-create'?: boolean;
    properties?: {
        [key: string]: string;
    };
};

export type RegisterTableRequest = {
    name: string;
    'metadata-location': string;
    overwrite?: boolean;
};

export type StorageCredential = {
    /**
     * Storage location prefix the credential applies to; clients use the longest match.
     */
    prefix: string;
    config: {
        [key: string]: string;
    };
};

export type LoadTableResult = {
    /**
     * Absent or null for a staged create, whose metadata is not committed yet.
     */
    'metadata-location'?: string | null;
    metadata: TableMetadata;
    /**
     * Per-table client configuration (`s3.endpoint`, `s3.path-style-access`, `client.region`, credentials, `token`).
     */
    config?: {
        [key: string]: string;
    };
    'storage-credentials'?: Array<StorageCredential>;
};

export type CommitTableRequest = {
    identifier?: TableIdentifier;
    requirements: Array<TableRequirement>;
    updates: Array<TableUpdate>;
};

export type CommitTableResponse = {
    'metadata-location': string;
    metadata: TableMetadata;
};

export type CommitTransactionRequest = {
    /**
     * Each entry must carry `identifier`.
     */
    'table-changes': Array<CommitTableRequest>;
};

export type TableMetadata = {
    'format-version': number;
    'table-uuid': string;
    location?: string;
    'last-updated-ms'?: bigint;
    'next-row-id'?: bigint;
    properties?: {
        [key: string]: string;
    };
    schemas?: Array<Schema>;
    'current-schema-id'?: number;
    'last-column-id'?: number;
    'partition-specs'?: Array<PartitionSpec>;
    'default-spec-id'?: number;
    'last-partition-id'?: number;
    'sort-orders'?: Array<SortOrder>;
    'default-sort-order-id'?: number;
    'encryption-keys'?: Array<EncryptedKey>;
    snapshots?: Array<Snapshot>;
    refs?: {
        [key: string]: SnapshotReference;
    };
    /**
     * -1 (or absent) when the table has no current snapshot.
     */
    'current-snapshot-id'?: bigint;
    'last-sequence-number'?: bigint;
    'snapshot-log'?: Array<SnapshotLogEntry>;
    'metadata-log'?: Array<MetadataLogEntry>;
    statistics?: Array<StatisticsFile>;
    'partition-statistics'?: Array<PartitionStatisticsFile>;
};

export type SnapshotLogEntry = {
    'snapshot-id': bigint;
    'timestamp-ms': bigint;
};

export type MetadataLogEntry = {
    'metadata-file': string;
    'timestamp-ms': bigint;
};

export type Snapshot = {
    'snapshot-id': bigint;
    'parent-snapshot-id'?: bigint;
    'sequence-number'?: bigint;
    'timestamp-ms': bigint;
    /**
     * Location of the manifest list file.
     */
    'manifest-list': string;
    'first-row-id'?: bigint;
    'added-rows'?: bigint;
    summary: {
        operation: 'append' | 'replace' | 'overwrite' | 'delete';
        [key: string]: string | 'append' | 'replace' | 'overwrite' | 'delete';
    };
    'schema-id'?: number;
};

export type SnapshotReference = {
    type: 'tag' | 'branch';
    'snapshot-id': bigint;
    'max-ref-age-ms'?: bigint;
    'max-snapshot-age-ms'?: bigint;
    'min-snapshots-to-keep'?: number;
};

export type StatisticsFile = {
    'snapshot-id': bigint;
    'statistics-path': string;
    'file-size-in-bytes': bigint;
    'file-footer-size-in-bytes': bigint;
    'blob-metadata': Array<BlobMetadata>;
};

export type BlobMetadata = {
    type: string;
    'snapshot-id': bigint;
    'sequence-number': bigint;
    fields: Array<number>;
    properties?: {
        [key: string]: string;
    };
};

export type PartitionStatisticsFile = {
    'snapshot-id': bigint;
    'statistics-path': string;
    'file-size-in-bytes': bigint;
};

export type EncryptedKey = {
    'key-id': string;
    /**
     * Base64.
     */
    'encrypted-key-metadata': string;
    'encrypted-by-id'?: string;
    properties?: {
        [key: string]: string;
    };
};

/**
 * A struct type with a schema id and optional identifier field ids.
 */
export type Schema = {
    type: 'struct';
    fields: Array<StructField>;
    'schema-id'?: number;
    'identifier-field-ids'?: Array<number>;
};

/**
 * A primitive type name (`long`, `string`, `decimal(10,2)`, `fixed[16]`, ...) or a nested type object.
 */
export type Type = string | StructType | ListType | MapType;

export type StructType = {
    type: 'struct';
    fields: Array<StructField>;
};

export type StructField = {
    id: number;
    name: string;
    type: Type;
    required: boolean;
    doc?: string;
    'initial-default'?: PrimitiveTypeValue;
    'write-default'?: PrimitiveTypeValue;
};

export type ListType = {
    type: 'list';
    'element-id': number;
    element: Type;
    'element-required': boolean;
};

export type MapType = {
    type: 'map';
    'key-id': number;
    key: Type;
    'value-id': number;
    value: Type;
    'value-required': boolean;
};

/**
 * A single value in JSON single-value serialisation: boolean, int/long as integers, float/double
 * as numbers; decimal, uuid, date, time, timestamps, fixed and binary as strings.
 *
 */
export type PrimitiveTypeValue = boolean | number | number | string;

export type PartitionSpec = {
    'spec-id'?: number;
    fields: Array<PartitionField>;
};

export type PartitionField = {
    'field-id'?: number;
    'source-id': number;
    name: string;
    transform: Transform;
};

/**
 * identity, year, month, day, hour, void, bucket[N], truncate[W].
 */
export type Transform = string;

export type SortOrder = {
    'order-id': number;
    fields: Array<SortField>;
};

export type SortField = {
    'source-id': number;
    transform: Transform;
    direction: 'asc' | 'desc';
    'null-order': 'nulls-first' | 'nulls-last';
};

/**
 * One assertion checked against the current metadata before any update is applied.
 */
export type TableRequirement = ({
    type: 'assert-create';
} & AssertCreate) | ({
    type: 'assert-table-uuid';
} & AssertTableUuid) | ({
    type: 'assert-ref-snapshot-id';
} & AssertRefSnapshotId) | ({
    type: 'assert-last-assigned-field-id';
} & AssertLastAssignedFieldId) | ({
    type: 'assert-current-schema-id';
} & AssertCurrentSchemaId) | ({
    type: 'assert-last-assigned-partition-id';
} & AssertLastAssignedPartitionId) | ({
    type: 'assert-default-spec-id';
} & AssertDefaultSpecId) | ({
    type: 'assert-default-sort-order-id';
} & AssertDefaultSortOrderId);

/**
 * The table must not exist (commits a staged create).
 */
export type AssertCreate = {
    type: 'assert-create';
};

export type AssertTableUuid = {
    type: 'assert-table-uuid';
    uuid: string;
};

/**
 * The ref points at `snapshot-id`; `null` means the ref must not exist yet.
 */
export type AssertRefSnapshotId = {
    type: 'assert-ref-snapshot-id';
    ref: string;
    'snapshot-id': bigint | null;
};

export type AssertLastAssignedFieldId = {
    type: 'assert-last-assigned-field-id';
    'last-assigned-field-id': number;
};

export type AssertCurrentSchemaId = {
    type: 'assert-current-schema-id';
    'current-schema-id': number;
};

export type AssertLastAssignedPartitionId = {
    type: 'assert-last-assigned-partition-id';
    'last-assigned-partition-id': number;
};

export type AssertDefaultSpecId = {
    type: 'assert-default-spec-id';
    'default-spec-id': number;
};

export type AssertDefaultSortOrderId = {
    type: 'assert-default-sort-order-id';
    'default-sort-order-id': number;
};

/**
 * One change to apply to the table metadata.
 */
export type TableUpdate = ({
    action: 'assign-uuid';
} & AssignUuidUpdate) | ({
    action: 'upgrade-format-version';
} & UpgradeFormatVersionUpdate) | ({
    action: 'add-schema';
} & AddSchemaUpdate) | ({
    action: 'set-current-schema';
} & SetCurrentSchemaUpdate) | ({
    action: 'add-spec';
} & AddPartitionSpecUpdate) | ({
    action: 'set-default-spec';
} & SetDefaultSpecUpdate) | ({
    action: 'add-sort-order';
} & AddSortOrderUpdate) | ({
    action: 'set-default-sort-order';
} & SetDefaultSortOrderUpdate) | ({
    action: 'add-snapshot';
} & AddSnapshotUpdate) | ({
    action: 'set-snapshot-ref';
} & SetSnapshotRefUpdate) | ({
    action: 'remove-snapshots';
} & RemoveSnapshotsUpdate) | ({
    action: 'remove-snapshot-ref';
} & RemoveSnapshotRefUpdate) | ({
    action: 'set-location';
} & SetLocationUpdate) | ({
    action: 'set-properties';
} & SetPropertiesUpdate) | ({
    action: 'remove-properties';
} & RemovePropertiesUpdate) | ({
    action: 'set-statistics';
} & SetStatisticsUpdate) | ({
    action: 'remove-statistics';
} & RemoveStatisticsUpdate) | ({
    action: 'set-partition-statistics';
} & SetPartitionStatisticsUpdate) | ({
    action: 'remove-partition-statistics';
} & RemovePartitionStatisticsUpdate) | ({
    action: 'remove-partition-specs';
} & RemovePartitionSpecsUpdate) | ({
    action: 'remove-schemas';
} & RemoveSchemasUpdate) | ({
    action: 'add-encryption-key';
} & AddEncryptionKeyUpdate) | ({
    action: 'remove-encryption-key';
} & RemoveEncryptionKeyUpdate);

/**
 * Only on create.
 */
export type AssignUuidUpdate = {
    action: 'assign-uuid';
    uuid: string;
};

/**
 * Never downgrades.
 */
export type UpgradeFormatVersionUpdate = {
    action: 'upgrade-format-version';
    'format-version': number;
};

export type AddSchemaUpdate = {
    action: 'add-schema';
    schema: Schema;
    /**
     * Deprecated; the server computes it.
     *
     * @deprecated
     */
    'last-column-id'?: number;
};

export type SetCurrentSchemaUpdate = {
    action: 'set-current-schema';
    /**
     * -1 means the schema added last in this commit.
     */
    'schema-id': number;
};

export type AddPartitionSpecUpdate = {
    action: 'add-spec';
    spec: PartitionSpec;
};

export type SetDefaultSpecUpdate = {
    action: 'set-default-spec';
    /**
     * -1 means the spec added last in this commit.
     */
    'spec-id': number;
};

export type AddSortOrderUpdate = {
    action: 'add-sort-order';
    'sort-order': SortOrder;
};

export type SetDefaultSortOrderUpdate = {
    action: 'set-default-sort-order';
    /**
     * -1 means the sort order added last in this commit.
     */
    'sort-order-id': number;
};

export type AddSnapshotUpdate = {
    action: 'add-snapshot';
    snapshot: Snapshot;
};

export type SetSnapshotRefUpdate = {
    action: 'set-snapshot-ref';
    'ref-name': string;
    type: 'tag' | 'branch';
    'snapshot-id': bigint;
    'max-ref-age-ms'?: bigint;
    'max-snapshot-age-ms'?: bigint;
    'min-snapshots-to-keep'?: number;
};

export type RemoveSnapshotsUpdate = {
    action: 'remove-snapshots';
    'snapshot-ids': Array<bigint>;
};

export type RemoveSnapshotRefUpdate = {
    action: 'remove-snapshot-ref';
    'ref-name': string;
};

export type SetLocationUpdate = {
    action: 'set-location';
    location: string;
};

export type SetPropertiesUpdate = {
    action: 'set-properties';
    updates: {
        [key: string]: string;
    };
};

export type RemovePropertiesUpdate = {
    action: 'remove-properties';
    removals: Array<string>;
};

export type SetStatisticsUpdate = {
    action: 'set-statistics';
    /**
     * @deprecated
     */
    'snapshot-id'?: bigint;
    statistics: StatisticsFile;
};

export type RemoveStatisticsUpdate = {
    action: 'remove-statistics';
    'snapshot-id': bigint;
};

export type SetPartitionStatisticsUpdate = {
    action: 'set-partition-statistics';
    'partition-statistics': PartitionStatisticsFile;
};

export type RemovePartitionStatisticsUpdate = {
    action: 'remove-partition-statistics';
    'snapshot-id': bigint;
};

export type RemovePartitionSpecsUpdate = {
    action: 'remove-partition-specs';
    'spec-ids': Array<number>;
};

export type RemoveSchemasUpdate = {
    action: 'remove-schemas';
    'schema-ids': Array<number>;
};

export type AddEncryptionKeyUpdate = {
    action: 'add-encryption-key';
    'encryption-key': EncryptedKey;
};

export type RemoveEncryptionKeyUpdate = {
    action: 'remove-encryption-key';
    'key-id': string;
};

/**
 * A scan report or a commit report, told apart by `report-type`.
 */
export type ReportMetricsRequest = ScanReport | CommitReport;

export type ScanReport = {
    'report-type': 'scan-report';
    'table-name': string;
    'snapshot-id': bigint;
    /**
     * The scan's filter expression (Iceberg expression JSON); kept as sent.
     */
    filter: unknown;
    'schema-id': number;
    'projected-field-ids': Array<number>;
    'projected-field-names': Array<string>;
    metrics: Metrics;
    metadata?: {
        [key: string]: string;
    };
};

export type CommitReport = {
    'report-type': 'commit-report';
    'table-name': string;
    'snapshot-id': bigint;
    'sequence-number': bigint;
    operation: string;
    metrics: Metrics;
    metadata?: {
        [key: string]: string;
    };
};

/**
 * Metric name to a counter (`unit`, `value`) or a timer (`time-unit`, `count`, `total-duration`).
 */
export type Metrics = {
    [key: string]: MetricResult;
};

export type MetricResult = CounterResult | TimerResult;

export type CounterResult = {
    unit: string;
    value: bigint;
};

export type TimerResult = {
    'time-unit': string;
    count: bigint;
    'total-duration': bigint;
};

/**
 * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
 */
export type Namespace2 = string;

/**
 * Table name (URL-encoded).
 */
export type Table = string;

/**
 * Opaque token from the previous page's `next-page-token`; send it empty to ask for paging.
 */
export type PageToken2 = PageToken;

/**
 * Upper bound on the results per page.
 */
export type PageSize = number;

/**
 * Comma-separated access mechanisms the client supports (`vended-credentials`,
 * `remote-signing`). We honour `vended-credentials` by putting S3 credentials for the table's
 * location in `config`; `remote-signing` is not offered (no `remote-signing-config` is sent).
 *
 */
export type DataAccess = Array<'vended-credentials' | 'remote-signing'>;

/**
 * Client idempotency key (UUIDv7). Accepted but not acted on: `/v1/config` does not advertise
 * `idempotency-key-lifetime`, so clients must not rely on replay.
 *
 */
export type IdempotencyKey = string;

/**
 * View chain through which the table is loaded. Accepted and ignored (views are not served).
 */
export type ReferencedBy = string;

export type GetConfigData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * Warehouse name or location the client was configured with.
         */
        warehouse?: string;
    };
    url: '/v1/config';
};

export type GetConfigErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The `warehouse` is unknown (`type: NoSuchWarehouseException`).
     */
    404: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type GetConfigError = GetConfigErrors[keyof GetConfigErrors];

export type GetConfigResponses = {
    /**
     * Catalog configuration.
     */
    200: CatalogConfig;
};

export type GetConfigResponse = GetConfigResponses[keyof GetConfigResponses];

export type GetTokenData = {
    body: OAuthTokenRequest;
    path?: never;
    query?: never;
    url: '/v1/oauth/tokens';
};

export type GetTokenErrors = {
    /**
     * OAuth2 error (RFC 6749 §5.2 body).
     */
    400: OAuthError;
    /**
     * OAuth2 error (RFC 6749 §5.2 body).
     */
    401: OAuthError;
    /**
     * OAuth2 error (RFC 6749 §5.2 body).
     */
    '5XX': OAuthError;
};

export type GetTokenError = GetTokenErrors[keyof GetTokenErrors];

export type GetTokenResponses = {
    /**
     * A token.
     */
    200: OAuthTokenResponse;
};

export type GetTokenResponse = GetTokenResponses[keyof GetTokenResponses];

export type ListNamespacesData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * Opaque token from the previous page's `next-page-token`; send it empty to ask for paging.
         */
        pageToken?: PageToken;
        /**
         * Upper bound on the results per page.
         */
        pageSize?: number;
        /**
         * Parent namespace, levels joined by `%1F`. Empty string is the same as absent.
         */
        parent?: string;
    };
    url: '/v1/namespaces';
};

export type ListNamespacesErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The namespace does not exist (`type: NoSuchNamespaceException`, message `Namespace does not exist: <ns>`).
     */
    404: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type ListNamespacesError = ListNamespacesErrors[keyof ListNamespacesErrors];

export type ListNamespacesResponses = {
    /**
     * The namespaces (each as its full list of levels) and the next page token.
     */
    200: ListNamespacesResponse;
};

export type ListNamespacesResponse2 = ListNamespacesResponses[keyof ListNamespacesResponses];

export type CreateNamespaceData = {
    body: CreateNamespaceRequest;
    headers?: {
        /**
         * Client idempotency key (UUIDv7). Accepted but not acted on: `/v1/config` does not advertise
         * `idempotency-key-lifetime`, so clients must not rely on replay.
         *
         */
        'Idempotency-Key'?: string;
    };
    path?: never;
    query?: never;
    url: '/v1/namespaces';
};

export type CreateNamespaceErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * Not supported by this server (`UnsupportedOperationException`).
     */
    406: IcebergErrorResponse;
    /**
     * The namespace or table already exists (`type: AlreadyExistsException`).
     */
    409: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type CreateNamespaceError = CreateNamespaceErrors[keyof CreateNamespaceErrors];

export type CreateNamespaceResponses = {
    /**
     * The namespace and the properties stored (including any the server added).
     */
    200: CreateNamespaceResponse;
};

export type CreateNamespaceResponse2 = CreateNamespaceResponses[keyof CreateNamespaceResponses];

export type DropNamespaceData = {
    body?: never;
    headers?: {
        /**
         * Client idempotency key (UUIDv7). Accepted but not acted on: `/v1/config` does not advertise
         * `idempotency-key-lifetime`, so clients must not rely on replay.
         *
         */
        'Idempotency-Key'?: string;
    };
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
    };
    query?: never;
    url: '/v1/namespaces/{namespace}';
};

export type DropNamespaceErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The namespace does not exist (`type: NoSuchNamespaceException`, message `Namespace does not exist: <ns>`).
     */
    404: IcebergErrorResponse;
    /**
     * The namespace still holds tables (`type: NamespaceNotEmptyException`, message `Namespace <ns> is not empty`).
     */
    409: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type DropNamespaceError = DropNamespaceErrors[keyof DropNamespaceErrors];

export type DropNamespaceResponses = {
    /**
     * Dropped.
     */
    204: void;
};

export type DropNamespaceResponse = DropNamespaceResponses[keyof DropNamespaceResponses];

export type LoadNamespaceMetadataData = {
    body?: never;
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
    };
    query?: never;
    url: '/v1/namespaces/{namespace}';
};

export type LoadNamespaceMetadataErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The namespace does not exist (`type: NoSuchNamespaceException`, message `Namespace does not exist: <ns>`).
     */
    404: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type LoadNamespaceMetadataError = LoadNamespaceMetadataErrors[keyof LoadNamespaceMetadataErrors];

export type LoadNamespaceMetadataResponses = {
    /**
     * The namespace and its properties.
     */
    200: GetNamespaceResponse;
};

export type LoadNamespaceMetadataResponse = LoadNamespaceMetadataResponses[keyof LoadNamespaceMetadataResponses];

export type NamespaceExistsData = {
    body?: never;
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
    };
    query?: never;
    url: '/v1/namespaces/{namespace}';
};

export type NamespaceExistsErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The namespace does not exist (`type: NoSuchNamespaceException`, message `Namespace does not exist: <ns>`).
     */
    404: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type NamespaceExistsError = NamespaceExistsErrors[keyof NamespaceExistsErrors];

export type NamespaceExistsResponses = {
    /**
     * It exists.
     */
    204: void;
};

export type NamespaceExistsResponse = NamespaceExistsResponses[keyof NamespaceExistsResponses];

export type UpdatePropertiesData = {
    body: UpdateNamespacePropertiesRequest;
    headers?: {
        /**
         * Client idempotency key (UUIDv7). Accepted but not acted on: `/v1/config` does not advertise
         * `idempotency-key-lifetime`, so clients must not rely on replay.
         *
         */
        'Idempotency-Key'?: string;
    };
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
    };
    query?: never;
    url: '/v1/namespaces/{namespace}/properties';
};

export type UpdatePropertiesErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The namespace does not exist (`type: NoSuchNamespaceException`, message `Namespace does not exist: <ns>`).
     */
    404: IcebergErrorResponse;
    /**
     * Not supported by this server (`UnsupportedOperationException`).
     */
    406: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * A key appears in both `removals` and `updates` (`UnprocessableEntityException`).
     */
    422: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type UpdatePropertiesError = UpdatePropertiesErrors[keyof UpdatePropertiesErrors];

export type UpdatePropertiesResponses = {
    /**
     * Which keys were updated, removed, and requested for removal but missing.
     */
    200: UpdateNamespacePropertiesResponse;
};

export type UpdatePropertiesResponse = UpdatePropertiesResponses[keyof UpdatePropertiesResponses];

export type ListTablesData = {
    body?: never;
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
    };
    query?: {
        /**
         * Opaque token from the previous page's `next-page-token`; send it empty to ask for paging.
         */
        pageToken?: PageToken;
        /**
         * Upper bound on the results per page.
         */
        pageSize?: number;
    };
    url: '/v1/namespaces/{namespace}/tables';
};

export type ListTablesErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The namespace does not exist (`type: NoSuchNamespaceException`, message `Namespace does not exist: <ns>`).
     */
    404: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type ListTablesError = ListTablesErrors[keyof ListTablesErrors];

export type ListTablesResponses = {
    /**
     * Table identifiers and the next page token.
     */
    200: ListTablesResponse;
};

export type ListTablesResponse2 = ListTablesResponses[keyof ListTablesResponses];

export type CreateTableData = {
    body: CreateTableRequest;
    headers?: {
        /**
         * Comma-separated access mechanisms the client supports (`vended-credentials`,
         * `remote-signing`). We honour `vended-credentials` by putting S3 credentials for the table's
         * location in `config`; `remote-signing` is not offered (no `remote-signing-config` is sent).
         *
         */
        'X-Iceberg-Access-Delegation'?: Array<'vended-credentials' | 'remote-signing'>;
        /**
         * Client idempotency key (UUIDv7). Accepted but not acted on: `/v1/config` does not advertise
         * `idempotency-key-lifetime`, so clients must not rely on replay.
         *
         */
        'Idempotency-Key'?: string;
    };
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
    };
    query?: never;
    url: '/v1/namespaces/{namespace}/tables';
};

export type CreateTableErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The namespace does not exist (`type: NoSuchNamespaceException`, message `Namespace does not exist: <ns>`).
     */
    404: IcebergErrorResponse;
    /**
     * The namespace or table already exists (`type: AlreadyExistsException`).
     */
    409: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type CreateTableError = CreateTableErrors[keyof CreateTableErrors];

export type CreateTableResponses = {
    /**
     * The table's metadata, its location and per-table configuration.
     */
    200: LoadTableResult;
};

export type CreateTableResponse = CreateTableResponses[keyof CreateTableResponses];

export type RegisterTableData = {
    body: RegisterTableRequest;
    headers?: {
        /**
         * Comma-separated access mechanisms the client supports (`vended-credentials`,
         * `remote-signing`). We honour `vended-credentials` by putting S3 credentials for the table's
         * location in `config`; `remote-signing` is not offered (no `remote-signing-config` is sent).
         *
         */
        'X-Iceberg-Access-Delegation'?: Array<'vended-credentials' | 'remote-signing'>;
        /**
         * Client idempotency key (UUIDv7). Accepted but not acted on: `/v1/config` does not advertise
         * `idempotency-key-lifetime`, so clients must not rely on replay.
         *
         */
        'Idempotency-Key'?: string;
    };
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
    };
    query?: never;
    url: '/v1/namespaces/{namespace}/register';
};

export type RegisterTableErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The namespace does not exist (`type: NoSuchNamespaceException`, message `Namespace does not exist: <ns>`).
     */
    404: IcebergErrorResponse;
    /**
     * The namespace or table already exists (`type: AlreadyExistsException`).
     */
    409: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type RegisterTableError = RegisterTableErrors[keyof RegisterTableErrors];

export type RegisterTableResponses = {
    /**
     * The table's metadata, its location and per-table configuration.
     */
    200: LoadTableResult;
};

export type RegisterTableResponse = RegisterTableResponses[keyof RegisterTableResponses];

export type DropTableData = {
    body?: never;
    headers?: {
        /**
         * Client idempotency key (UUIDv7). Accepted but not acted on: `/v1/config` does not advertise
         * `idempotency-key-lifetime`, so clients must not rely on replay.
         *
         */
        'Idempotency-Key'?: string;
    };
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
        /**
         * Table name (URL-encoded).
         */
        table: string;
    };
    query?: {
        /**
         * Also delete the table's data and metadata files.
         */
        purgeRequested?: boolean;
    };
    url: '/v1/namespaces/{namespace}/tables/{table}';
};

export type DropTableErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The table does not exist (`type: NoSuchTableException`, message `Table does not exist: <ns>.<table>`), or its namespace does not (`NoSuchNamespaceException`).
     */
    404: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type DropTableError = DropTableErrors[keyof DropTableErrors];

export type DropTableResponses = {
    /**
     * Dropped.
     */
    204: void;
};

export type DropTableResponse = DropTableResponses[keyof DropTableResponses];

export type LoadTableData = {
    body?: never;
    headers?: {
        /**
         * Comma-separated access mechanisms the client supports (`vended-credentials`,
         * `remote-signing`). We honour `vended-credentials` by putting S3 credentials for the table's
         * location in `config`; `remote-signing` is not offered (no `remote-signing-config` is sent).
         *
         */
        'X-Iceberg-Access-Delegation'?: Array<'vended-credentials' | 'remote-signing'>;
        /**
         * ETag from an earlier load, create or commit response.
         */
        'If-None-Match'?: string;
    };
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
        /**
         * Table name (URL-encoded).
         */
        table: string;
    };
    query?: {
        /**
         * `all` (default): every valid snapshot; `refs`: only snapshots referenced by a branch or tag.
         */
        snapshots?: 'all' | 'refs';
        /**
         * View chain through which the table is loaded. Accepted and ignored (views are not served).
         */
        'referenced-by'?: string;
    };
    url: '/v1/namespaces/{namespace}/tables/{table}';
};

export type LoadTableErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The table does not exist (`type: NoSuchTableException`, message `Table does not exist: <ns>.<table>`), or its namespace does not (`NoSuchNamespaceException`).
     */
    404: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type LoadTableError = LoadTableErrors[keyof LoadTableErrors];

export type LoadTableResponses = {
    /**
     * The table's metadata, its location and per-table configuration.
     */
    200: LoadTableResult;
};

export type LoadTableResponse = LoadTableResponses[keyof LoadTableResponses];

export type TableExistsData = {
    body?: never;
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
        /**
         * Table name (URL-encoded).
         */
        table: string;
    };
    query?: never;
    url: '/v1/namespaces/{namespace}/tables/{table}';
};

export type TableExistsErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The table does not exist (`type: NoSuchTableException`, message `Table does not exist: <ns>.<table>`), or its namespace does not (`NoSuchNamespaceException`).
     */
    404: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type TableExistsError = TableExistsErrors[keyof TableExistsErrors];

export type TableExistsResponses = {
    /**
     * It exists.
     */
    204: void;
};

export type TableExistsResponse = TableExistsResponses[keyof TableExistsResponses];

export type UpdateTableData = {
    body: CommitTableRequest;
    headers?: {
        /**
         * Client idempotency key (UUIDv7). Accepted but not acted on: `/v1/config` does not advertise
         * `idempotency-key-lifetime`, so clients must not rely on replay.
         *
         */
        'Idempotency-Key'?: string;
    };
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
        /**
         * Table name (URL-encoded).
         */
        table: string;
    };
    query?: never;
    url: '/v1/namespaces/{namespace}/tables/{table}';
};

export type UpdateTableErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The table does not exist (`type: NoSuchTableException`, message `Table does not exist: <ns>.<table>`), or its namespace does not (`NoSuchNamespaceException`).
     */
    404: IcebergErrorResponse;
    /**
     * A requirement does not hold (`type: CommitFailedException`, message `Requirement failed: ...`); the client may retry.
     */
    409: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * The commit may or may not have happened (`type: CommitStateUnknownException`); clients must not clean up.
     */
    500: IcebergErrorResponse;
    /**
     * The commit may or may not have happened (`type: CommitStateUnknownException`); clients must not clean up.
     */
    502: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * The commit may or may not have happened (`type: CommitStateUnknownException`); clients must not clean up.
     */
    504: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type UpdateTableError = UpdateTableErrors[keyof UpdateTableErrors];

export type UpdateTableResponses = {
    /**
     * The committed metadata and its location.
     */
    200: CommitTableResponse;
};

export type UpdateTableResponse = UpdateTableResponses[keyof UpdateTableResponses];

export type ReportMetricsData = {
    body: ReportMetricsRequest;
    path: {
        /**
         * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
         */
        namespace: string;
        /**
         * Table name (URL-encoded).
         */
        table: string;
    };
    query?: never;
    url: '/v1/namespaces/{namespace}/tables/{table}/metrics';
};

export type ReportMetricsErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The table does not exist (`type: NoSuchTableException`, message `Table does not exist: <ns>.<table>`), or its namespace does not (`NoSuchNamespaceException`).
     */
    404: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type ReportMetricsError = ReportMetricsErrors[keyof ReportMetricsErrors];

export type ReportMetricsResponses = {
    /**
     * Accepted.
     */
    204: void;
};

export type ReportMetricsResponse = ReportMetricsResponses[keyof ReportMetricsResponses];

export type RenameTableData = {
    body: RenameTableRequest;
    headers?: {
        /**
         * Client idempotency key (UUIDv7). Accepted but not acted on: `/v1/config` does not advertise
         * `idempotency-key-lifetime`, so clients must not rely on replay.
         *
         */
        'Idempotency-Key'?: string;
    };
    path?: never;
    query?: never;
    url: '/v1/tables/rename';
};

export type RenameTableErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The source table (`NoSuchTableException`) or the destination namespace (`NoSuchNamespaceException`) does not exist.
     */
    404: IcebergErrorResponse;
    /**
     * Not supported by this server (`UnsupportedOperationException`).
     */
    406: IcebergErrorResponse;
    /**
     * The namespace or table already exists (`type: AlreadyExistsException`).
     */
    409: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type RenameTableError = RenameTableErrors[keyof RenameTableErrors];

export type RenameTableResponses = {
    /**
     * Renamed.
     */
    204: void;
};

export type RenameTableResponse = RenameTableResponses[keyof RenameTableResponses];

export type CommitTransactionData = {
    body: CommitTransactionRequest;
    headers?: {
        /**
         * Client idempotency key (UUIDv7). Accepted but not acted on: `/v1/config` does not advertise
         * `idempotency-key-lifetime`, so clients must not rely on replay.
         *
         */
        'Idempotency-Key'?: string;
    };
    path?: never;
    query?: never;
    url: '/v1/transactions/commit';
};

export type CommitTransactionErrors = {
    /**
     * Malformed request, or an unknown requirement or update type (`type` e.g. BadRequestException, IllegalArgumentException, ValidationException).
     */
    400: IcebergErrorResponse;
    /**
     * Missing, expired or invalid token (`NotAuthorizedException`).
     */
    401: IcebergErrorResponse;
    /**
     * The token may not do this (`ForbiddenException`).
     */
    403: IcebergErrorResponse;
    /**
     * The table does not exist (`type: NoSuchTableException`, message `Table does not exist: <ns>.<table>`), or its namespace does not (`NoSuchNamespaceException`).
     */
    404: IcebergErrorResponse;
    /**
     * A requirement does not hold (`type: CommitFailedException`, message `Requirement failed: ...`); the client may retry.
     */
    409: IcebergErrorResponse;
    /**
     * Credentials timed out (`AuthenticationTimeoutException`); 401 is preferred.
     */
    419: IcebergErrorResponse;
    /**
     * The commit may or may not have happened (`type: CommitStateUnknownException`); clients must not clean up.
     */
    500: IcebergErrorResponse;
    /**
     * The commit may or may not have happened (`type: CommitStateUnknownException`); clients must not clean up.
     */
    502: IcebergErrorResponse;
    /**
     * Not ready; may carry Retry-After.
     */
    503: IcebergErrorResponse;
    /**
     * The commit may or may not have happened (`type: CommitStateUnknownException`); clients must not clean up.
     */
    504: IcebergErrorResponse;
    /**
     * A server-side failure the client cannot fix.
     */
    '5XX': IcebergErrorResponse;
};

export type CommitTransactionError = CommitTransactionErrors[keyof CommitTransactionErrors];

export type CommitTransactionResponses = {
    /**
     * Every change was committed.
     */
    204: void;
};

export type CommitTransactionResponse = CommitTransactionResponses[keyof CommitTransactionResponses];
