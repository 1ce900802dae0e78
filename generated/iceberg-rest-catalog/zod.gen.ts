// Generated from contracts/iceberg-rest-catalog.yaml by `npm run codegen`. Do not edit: change the contract and regenerate.

import * as z from 'zod';

/**
 * Error details.
 */
export const zErrorModel = z.object({
    message: z.string(),
    type: z.string(),
    code: z.int().gte(400).lte(600),
    stack: z.array(z.string()).optional()
});

/**
 * Every non-2xx catalog response body.
 */
export const zIcebergErrorResponse = z.object({
    error: zErrorModel
});

export const zCatalogConfig = z.object({
    defaults: z.record(z.string(), z.string()),
    overrides: z.record(z.string(), z.string()),
    endpoints: z.array(z.string()).optional(),
    'idempotency-key-lifetime': z.string().optional()
});

export const zOAuthClientCredentialsRequest = z.object({
    grant_type: z.enum(['client_credentials']),
    scope: z.string().optional(),
    client_id: z.string(),
    client_secret: z.string()
});

/**
 * RFC 8693 §3 token type.
 */
export const zTokenType = z.enum([
    'urn:ietf:params:oauth:token-type:access_token',
    'urn:ietf:params:oauth:token-type:refresh_token',
    'urn:ietf:params:oauth:token-type:id_token',
    'urn:ietf:params:oauth:token-type:saml1',
    'urn:ietf:params:oauth:token-type:saml2',
    'urn:ietf:params:oauth:token-type:jwt'
]);

export const zOAuthTokenExchangeRequest = z.object({
    grant_type: z.enum(['urn:ietf:params:oauth:grant-type:token-exchange']),
    scope: z.string().optional(),
    requested_token_type: zTokenType.optional(),
    subject_token: z.string(),
    subject_token_type: zTokenType,
    actor_token: z.string().optional(),
    actor_token_type: zTokenType.optional()
});

/**
 * Client credentials or token exchange (form fields).
 */
export const zOAuthTokenRequest = z.union([
    zOAuthClientCredentialsRequest,
    zOAuthTokenExchangeRequest
]);

export const zOAuthTokenResponse = z.object({
    access_token: z.string(),
    token_type: z.enum([
        'bearer',
        'mac',
        'N_A'
    ]),
    expires_in: z.int().optional(),
    issued_token_type: zTokenType.optional(),
    refresh_token: z.string().optional(),
    scope: z.string().optional()
});

export const zOAuthError = z.object({
    error: z.enum([
        'invalid_request',
        'invalid_client',
        'invalid_grant',
        'unauthorized_client',
        'unsupported_grant_type',
        'invalid_scope'
    ]),
    error_description: z.string().optional(),
    error_uri: z.string().optional()
});

/**
 * Namespace levels, outermost first.
 */
export const zNamespace = z.array(z.string());

/**
 * Opaque paging token; `null` or absent in a response means the last page.
 */
export const zPageToken = z.string().nullable();

export const zTableIdentifier = z.object({
    namespace: zNamespace,
    name: z.string()
});

export const zCreateNamespaceRequest = z.object({
    namespace: zNamespace,
    properties: z.record(z.string(), z.string()).optional()
});

export const zCreateNamespaceResponse = z.object({
    namespace: zNamespace,
    properties: z.record(z.string(), z.string()).optional()
});

export const zGetNamespaceResponse = z.object({
    namespace: zNamespace,
    properties: z.record(z.string(), z.string()).nullish()
});

export const zListNamespacesResponse = z.object({
    'next-page-token': zPageToken.optional(),
    namespaces: z.array(zNamespace).optional()
});

export const zUpdateNamespacePropertiesRequest = z.object({
    removals: z.array(z.string()).optional(),
    updates: z.record(z.string(), z.string()).optional()
});

export const zUpdateNamespacePropertiesResponse = z.object({
    updated: z.array(z.string()),
    removed: z.array(z.string()),
    missing: z.array(z.string()).nullish()
});

export const zListTablesResponse = z.object({
    'next-page-token': zPageToken.optional(),
    identifiers: z.array(zTableIdentifier).optional()
});

export const zRenameTableRequest = z.object({
    source: zTableIdentifier,
    destination: zTableIdentifier
});

export const zRegisterTableRequest = z.object({
    name: z.string(),
    'metadata-location': z.string(),
    overwrite: z.boolean().optional().default(false)
});

export const zStorageCredential = z.object({
    prefix: z.string(),
    config: z.record(z.string(), z.string())
});

export const zSnapshotLogEntry = z.object({
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'timestamp-ms': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' })
});

export const zMetadataLogEntry = z.object({
    'metadata-file': z.string(),
    'timestamp-ms': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' })
});

export const zSnapshot = z.object({
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'parent-snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    'sequence-number': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    'timestamp-ms': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'manifest-list': z.string(),
    'first-row-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    'added-rows': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    summary: z.looseObject({
        operation: z.enum([
            'append',
            'replace',
            'overwrite',
            'delete'
        ])
    }),
    'schema-id': z.int().optional()
});

export const zSnapshotReference = z.object({
    type: z.enum(['tag', 'branch']),
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'max-ref-age-ms': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    'max-snapshot-age-ms': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    'min-snapshots-to-keep': z.int().optional()
});

export const zBlobMetadata = z.object({
    type: z.string(),
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'sequence-number': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    fields: z.array(z.int()),
    properties: z.record(z.string(), z.string()).optional()
});

export const zStatisticsFile = z.object({
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'statistics-path': z.string(),
    'file-size-in-bytes': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'file-footer-size-in-bytes': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'blob-metadata': z.array(zBlobMetadata)
});

export const zPartitionStatisticsFile = z.object({
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'statistics-path': z.string(),
    'file-size-in-bytes': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' })
});

export const zEncryptedKey = z.object({
    'key-id': z.string(),
    'encrypted-key-metadata': z.string(),
    'encrypted-by-id': z.string().optional(),
    properties: z.record(z.string(), z.string()).optional()
});

/**
 * A single value in JSON single-value serialisation: boolean, int/long as integers, float/double
 * as numbers; decimal, uuid, date, time, timestamps, fixed and binary as strings.
 *
 */
export const zPrimitiveTypeValue = z.union([
    z.boolean(),
    z.int(),
    z.number(),
    z.string()
]);

/**
 * identity, year, month, day, hour, void, bucket[N], truncate[W].
 */
export const zTransform = z.string();

export const zPartitionField = z.object({
    'field-id': z.int().optional(),
    'source-id': z.int(),
    name: z.string(),
    transform: zTransform
});

export const zPartitionSpec = z.object({
    'spec-id': z.int().optional(),
    fields: z.array(zPartitionField)
});

export const zSortField = z.object({
    'source-id': z.int(),
    transform: zTransform,
    direction: z.enum(['asc', 'desc']),
    'null-order': z.enum(['nulls-first', 'nulls-last'])
});

export const zSortOrder = z.object({
    'order-id': z.int(),
    fields: z.array(zSortField)
});

/**
 * The table must not exist (commits a staged create).
 */
export const zAssertCreate = z.object({
    type: z.literal('assert-create')
});

export const zAssertTableUuid = z.object({
    type: z.literal('assert-table-uuid'),
    uuid: z.string()
});

/**
 * The ref points at `snapshot-id`; `null` means the ref must not exist yet.
 */
export const zAssertRefSnapshotId = z.object({
    type: z.literal('assert-ref-snapshot-id'),
    ref: z.string(),
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).nullable()
});

export const zAssertLastAssignedFieldId = z.object({
    type: z.literal('assert-last-assigned-field-id'),
    'last-assigned-field-id': z.int()
});

export const zAssertCurrentSchemaId = z.object({
    type: z.literal('assert-current-schema-id'),
    'current-schema-id': z.int()
});

export const zAssertLastAssignedPartitionId = z.object({
    type: z.literal('assert-last-assigned-partition-id'),
    'last-assigned-partition-id': z.int()
});

export const zAssertDefaultSpecId = z.object({
    type: z.literal('assert-default-spec-id'),
    'default-spec-id': z.int()
});

export const zAssertDefaultSortOrderId = z.object({
    type: z.literal('assert-default-sort-order-id'),
    'default-sort-order-id': z.int()
});

/**
 * One assertion checked against the current metadata before any update is applied.
 */
export const zTableRequirement = z.discriminatedUnion('type', [
    zAssertCreate,
    zAssertTableUuid,
    zAssertRefSnapshotId,
    zAssertLastAssignedFieldId,
    zAssertCurrentSchemaId,
    zAssertLastAssignedPartitionId,
    zAssertDefaultSpecId,
    zAssertDefaultSortOrderId
]);

/**
 * Only on create.
 */
export const zAssignUuidUpdate = z.object({
    action: z.literal('assign-uuid'),
    uuid: z.string()
});

/**
 * Never downgrades.
 */
export const zUpgradeFormatVersionUpdate = z.object({
    action: z.literal('upgrade-format-version'),
    'format-version': z.int()
});

export const zSetCurrentSchemaUpdate = z.object({
    action: z.literal('set-current-schema'),
    'schema-id': z.int()
});

export const zAddPartitionSpecUpdate = z.object({
    action: z.literal('add-spec'),
    spec: zPartitionSpec
});

export const zSetDefaultSpecUpdate = z.object({
    action: z.literal('set-default-spec'),
    'spec-id': z.int()
});

export const zAddSortOrderUpdate = z.object({
    action: z.literal('add-sort-order'),
    'sort-order': zSortOrder
});

export const zSetDefaultSortOrderUpdate = z.object({
    action: z.literal('set-default-sort-order'),
    'sort-order-id': z.int()
});

export const zAddSnapshotUpdate = z.object({
    action: z.literal('add-snapshot'),
    snapshot: zSnapshot
});

export const zSetSnapshotRefUpdate = z.object({
    action: z.literal('set-snapshot-ref'),
    'ref-name': z.string(),
    type: z.enum(['tag', 'branch']),
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'max-ref-age-ms': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    'max-snapshot-age-ms': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    'min-snapshots-to-keep': z.int().optional()
});

export const zRemoveSnapshotsUpdate = z.object({
    action: z.literal('remove-snapshots'),
    'snapshot-ids': z.array(z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }))
});

export const zRemoveSnapshotRefUpdate = z.object({
    action: z.literal('remove-snapshot-ref'),
    'ref-name': z.string()
});

export const zSetLocationUpdate = z.object({
    action: z.literal('set-location'),
    location: z.string()
});

export const zSetPropertiesUpdate = z.object({
    action: z.literal('set-properties'),
    updates: z.record(z.string(), z.string())
});

export const zRemovePropertiesUpdate = z.object({
    action: z.literal('remove-properties'),
    removals: z.array(z.string())
});

export const zSetStatisticsUpdate = z.object({
    action: z.literal('set-statistics'),
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    statistics: zStatisticsFile
});

export const zRemoveStatisticsUpdate = z.object({
    action: z.literal('remove-statistics'),
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' })
});

export const zSetPartitionStatisticsUpdate = z.object({
    action: z.literal('set-partition-statistics'),
    'partition-statistics': zPartitionStatisticsFile
});

export const zRemovePartitionStatisticsUpdate = z.object({
    action: z.literal('remove-partition-statistics'),
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' })
});

export const zRemovePartitionSpecsUpdate = z.object({
    action: z.literal('remove-partition-specs'),
    'spec-ids': z.array(z.int())
});

export const zRemoveSchemasUpdate = z.object({
    action: z.literal('remove-schemas'),
    'schema-ids': z.array(z.int())
});

export const zAddEncryptionKeyUpdate = z.object({
    action: z.literal('add-encryption-key'),
    'encryption-key': zEncryptedKey
});

export const zRemoveEncryptionKeyUpdate = z.object({
    action: z.literal('remove-encryption-key'),
    'key-id': z.string()
});

export const zCounterResult = z.object({
    unit: z.string(),
    value: z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' })
});

export const zTimerResult = z.object({
    'time-unit': z.string(),
    count: z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'total-duration': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' })
});

export const zMetricResult = z.union([
    zCounterResult,
    zTimerResult
]);

/**
 * Metric name to a counter (`unit`, `value`) or a timer (`time-unit`, `count`, `total-duration`).
 */
export const zMetrics = z.record(z.string(), zMetricResult);

export const zScanReport = z.object({
    'report-type': z.literal('scan-report'),
    'table-name': z.string(),
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    filter: z.unknown(),
    'schema-id': z.int(),
    'projected-field-ids': z.array(z.int()),
    'projected-field-names': z.array(z.string()),
    metrics: zMetrics,
    metadata: z.record(z.string(), z.string()).optional()
});

export const zCommitReport = z.object({
    'report-type': z.literal('commit-report'),
    'table-name': z.string(),
    'snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    'sequence-number': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }),
    operation: z.string(),
    metrics: zMetrics,
    metadata: z.record(z.string(), z.string()).optional()
});

/**
 * A scan report or a commit report, told apart by `report-type`.
 */
export const zReportMetricsRequest = z.union([
    zScanReport,
    zCommitReport
]);

export const zCreateTableRequest = z.object({
    name: z.string(),
    location: z.string().optional(),
    schema: z.lazy((): any => zSchema),
    'partition-spec': zPartitionSpec.optional(),
    'write-order': zSortOrder.optional(),
    'stage-create': z.boolean().optional(),
    properties: z.record(z.string(), z.string()).optional()
});

export const zLoadTableResult = z.object({
    'metadata-location': z.string().nullish(),
    metadata: z.lazy((): any => zTableMetadata),
    config: z.record(z.string(), z.string()).optional(),
    'storage-credentials': z.array(zStorageCredential).optional()
});

export const zCommitTableRequest = z.object({
    identifier: zTableIdentifier.optional(),
    requirements: z.array(zTableRequirement),
    updates: z.array(z.lazy((): any => zTableUpdate))
});

export const zCommitTableResponse = z.object({
    'metadata-location': z.string(),
    metadata: z.lazy((): any => zTableMetadata)
});

export const zCommitTransactionRequest = z.object({
    'table-changes': z.array(zCommitTableRequest)
});

export const zTableMetadata = z.object({
    'format-version': z.int().gte(1).lte(3),
    'table-uuid': z.string(),
    location: z.string().optional(),
    'last-updated-ms': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    'next-row-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    properties: z.record(z.string(), z.string()).optional(),
    schemas: z.array(z.lazy((): any => zSchema)).optional(),
    'current-schema-id': z.int().optional(),
    'last-column-id': z.int().optional(),
    'partition-specs': z.array(zPartitionSpec).optional(),
    'default-spec-id': z.int().optional(),
    'last-partition-id': z.int().optional(),
    'sort-orders': z.array(zSortOrder).optional(),
    'default-sort-order-id': z.int().optional(),
    'encryption-keys': z.array(zEncryptedKey).optional(),
    snapshots: z.array(zSnapshot).optional(),
    refs: z.record(z.string(), zSnapshotReference).optional(),
    'current-snapshot-id': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    'last-sequence-number': z.coerce.bigint().min(BigInt('-9223372036854775808'), { error: 'Invalid value: Expected int64 to be >= -9223372036854775808' }).max(BigInt('9223372036854775807'), { error: 'Invalid value: Expected int64 to be <= 9223372036854775807' }).optional(),
    'snapshot-log': z.array(zSnapshotLogEntry).optional(),
    'metadata-log': z.array(zMetadataLogEntry).optional(),
    statistics: z.array(zStatisticsFile).optional(),
    'partition-statistics': z.array(zPartitionStatisticsFile).optional()
});

/**
 * A struct type with a schema id and optional identifier field ids.
 */
export const zSchema = z.object({
    type: z.literal('struct'),
    fields: z.array(z.lazy((): any => zStructField)),
    'schema-id': z.int().optional(),
    'identifier-field-ids': z.array(z.int()).optional()
});

/**
 * A primitive type name (`long`, `string`, `decimal(10,2)`, `fixed[16]`, ...) or a nested type object.
 */
export const zType = z.union([
    z.string(),
    z.lazy((): any => zStructType),
    z.lazy((): any => zListType),
    z.lazy((): any => zMapType)
]);

export const zStructType = z.object({
    type: z.literal('struct'),
    fields: z.array(z.lazy((): any => zStructField))
});

export const zStructField = z.object({
    id: z.int(),
    name: z.string(),
    type: zType,
    required: z.boolean(),
    doc: z.string().optional(),
    'initial-default': zPrimitiveTypeValue.optional(),
    'write-default': zPrimitiveTypeValue.optional()
});

export const zListType = z.object({
    type: z.literal('list'),
    'element-id': z.int(),
    element: zType,
    'element-required': z.boolean()
});

export const zMapType = z.object({
    type: z.literal('map'),
    'key-id': z.int(),
    key: zType,
    'value-id': z.int(),
    value: zType,
    'value-required': z.boolean()
});

/**
 * One change to apply to the table metadata.
 */
export const zTableUpdate = z.union([
    zAssignUuidUpdate,
    zUpgradeFormatVersionUpdate,
    z.lazy((): any => zAddSchemaUpdate),
    zSetCurrentSchemaUpdate,
    zAddPartitionSpecUpdate,
    zSetDefaultSpecUpdate,
    zAddSortOrderUpdate,
    zSetDefaultSortOrderUpdate,
    zAddSnapshotUpdate,
    zSetSnapshotRefUpdate,
    zRemoveSnapshotsUpdate,
    zRemoveSnapshotRefUpdate,
    zSetLocationUpdate,
    zSetPropertiesUpdate,
    zRemovePropertiesUpdate,
    zSetStatisticsUpdate,
    zRemoveStatisticsUpdate,
    zSetPartitionStatisticsUpdate,
    zRemovePartitionStatisticsUpdate,
    zRemovePartitionSpecsUpdate,
    zRemoveSchemasUpdate,
    zAddEncryptionKeyUpdate,
    zRemoveEncryptionKeyUpdate
]);

export const zAddSchemaUpdate = z.object({
    action: z.literal('add-schema'),
    schema: zSchema,
    'last-column-id': z.int().optional()
});

/**
 * Namespace levels joined by 0x1F, URL-encoded (`accounting%1Ftax`).
 */
export const zNamespace2 = z.string();

/**
 * Table name (URL-encoded).
 */
export const zTable = z.string();

/**
 * Opaque token from the previous page's `next-page-token`; send it empty to ask for paging.
 */
export const zPageToken2 = zPageToken;

/**
 * Upper bound on the results per page.
 */
export const zPageSize = z.int().gte(1);

/**
 * Comma-separated access mechanisms the client supports (`vended-credentials`,
 * `remote-signing`). We honour `vended-credentials` by putting S3 credentials for the table's
 * location in `config`; `remote-signing` is not offered (no `remote-signing-config` is sent).
 *
 */
export const zDataAccess = z.array(z.enum(['vended-credentials', 'remote-signing']));

/**
 * Client idempotency key (UUIDv7). Accepted but not acted on: `/v1/config` does not advertise
 * `idempotency-key-lifetime`, so clients must not rely on replay.
 *
 */
export const zIdempotencyKey = z.uuid();

/**
 * View chain through which the table is loaded. Accepted and ignored (views are not served).
 */
export const zReferencedBy = z.string();

export const zGetConfigQuery = z.object({
    warehouse: z.string().optional()
});

/**
 * Catalog configuration.
 */
export const zGetConfigResponse = zCatalogConfig;

export const zGetTokenBody = zOAuthTokenRequest;

/**
 * A token.
 */
export const zGetTokenResponse = zOAuthTokenResponse;

export const zListNamespacesQuery = z.object({
    pageToken: zPageToken.optional(),
    pageSize: z.int().gte(1).optional(),
    parent: z.string().optional()
});

/**
 * The namespaces (each as its full list of levels) and the next page token.
 */
export const zListNamespacesResponse2 = zListNamespacesResponse;

export const zCreateNamespaceBody = zCreateNamespaceRequest;

export const zCreateNamespaceHeaders = z.object({
    'Idempotency-Key': z.uuid().optional()
});

/**
 * The namespace and the properties stored (including any the server added).
 */
export const zCreateNamespaceResponse2 = zCreateNamespaceResponse;

export const zDropNamespaceHeaders = z.object({
    'Idempotency-Key': z.uuid().optional()
});

export const zDropNamespacePath = z.object({
    namespace: z.string()
});

/**
 * Dropped.
 */
export const zDropNamespaceResponse = z.void();

export const zLoadNamespaceMetadataPath = z.object({
    namespace: z.string()
});

/**
 * The namespace and its properties.
 */
export const zLoadNamespaceMetadataResponse = zGetNamespaceResponse;

export const zNamespaceExistsPath = z.object({
    namespace: z.string()
});

/**
 * It exists.
 */
export const zNamespaceExistsResponse = z.void();

export const zUpdatePropertiesBody = zUpdateNamespacePropertiesRequest;

export const zUpdatePropertiesHeaders = z.object({
    'Idempotency-Key': z.uuid().optional()
});

export const zUpdatePropertiesPath = z.object({
    namespace: z.string()
});

/**
 * Which keys were updated, removed, and requested for removal but missing.
 */
export const zUpdatePropertiesResponse = zUpdateNamespacePropertiesResponse;

export const zListTablesPath = z.object({
    namespace: z.string()
});

export const zListTablesQuery = z.object({
    pageToken: zPageToken.optional(),
    pageSize: z.int().gte(1).optional()
});

/**
 * Table identifiers and the next page token.
 */
export const zListTablesResponse2 = zListTablesResponse;

export const zDropTableHeaders = z.object({
    'Idempotency-Key': z.uuid().optional()
});

export const zDropTablePath = z.object({
    namespace: z.string(),
    table: z.string()
});

export const zDropTableQuery = z.object({
    purgeRequested: z.boolean().optional().default(false)
});

/**
 * Dropped.
 */
export const zDropTableResponse = z.void();

export const zTableExistsPath = z.object({
    namespace: z.string(),
    table: z.string()
});

/**
 * It exists.
 */
export const zTableExistsResponse = z.void();

export const zReportMetricsBody = zReportMetricsRequest;

export const zReportMetricsPath = z.object({
    namespace: z.string(),
    table: z.string()
});

/**
 * Accepted.
 */
export const zReportMetricsResponse = z.void();

export const zRenameTableBody = zRenameTableRequest;

export const zRenameTableHeaders = z.object({
    'Idempotency-Key': z.uuid().optional()
});

/**
 * Renamed.
 */
export const zRenameTableResponse = z.void();

export const zCreateTableBody = zCreateTableRequest;

export const zCreateTableHeaders = z.object({
    'X-Iceberg-Access-Delegation': z.array(z.enum(['vended-credentials', 'remote-signing'])).optional(),
    'Idempotency-Key': z.uuid().optional()
});

export const zCreateTablePath = z.object({
    namespace: z.string()
});

/**
 * The table's metadata, its location and per-table configuration.
 */
export const zCreateTableResponse = zLoadTableResult;

export const zRegisterTableBody = zRegisterTableRequest;

export const zRegisterTableHeaders = z.object({
    'X-Iceberg-Access-Delegation': z.array(z.enum(['vended-credentials', 'remote-signing'])).optional(),
    'Idempotency-Key': z.uuid().optional()
});

export const zRegisterTablePath = z.object({
    namespace: z.string()
});

/**
 * The table's metadata, its location and per-table configuration.
 */
export const zRegisterTableResponse = zLoadTableResult;

export const zLoadTableHeaders = z.object({
    'X-Iceberg-Access-Delegation': z.array(z.enum(['vended-credentials', 'remote-signing'])).optional(),
    'If-None-Match': z.string().optional()
});

export const zLoadTablePath = z.object({
    namespace: z.string(),
    table: z.string()
});

export const zLoadTableQuery = z.object({
    snapshots: z.enum(['all', 'refs']).optional(),
    'referenced-by': z.string().optional()
});

/**
 * The table's metadata, its location and per-table configuration.
 */
export const zLoadTableResponse = zLoadTableResult;

export const zUpdateTableBody = zCommitTableRequest;

export const zUpdateTableHeaders = z.object({
    'Idempotency-Key': z.uuid().optional()
});

export const zUpdateTablePath = z.object({
    namespace: z.string(),
    table: z.string()
});

/**
 * The committed metadata and its location.
 */
export const zUpdateTableResponse = zCommitTableResponse;

export const zCommitTransactionBody = zCommitTransactionRequest;

export const zCommitTransactionHeaders = z.object({
    'Idempotency-Key': z.uuid().optional()
});

/**
 * Every change was committed.
 */
export const zCommitTransactionResponse = z.void();
