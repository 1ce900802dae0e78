// Generated from contracts/iceberg-rest-catalog.yaml by `npm run codegen`. Do not edit: change the contract and regenerate.

import type { CreateTableResponse, LoadTableResponse, RegisterTableResponse, UpdateTableResponse } from './types.gen.ts';

const snapshotSchemaResponseTransformer = (data: any) => {
    data['snapshot-id'] = BigInt(data['snapshot-id'].toString());
    if (data['parent-snapshot-id']) {
        data['parent-snapshot-id'] = BigInt(data['parent-snapshot-id'].toString());
    }
    if (data['sequence-number']) {
        data['sequence-number'] = BigInt(data['sequence-number'].toString());
    }
    data['timestamp-ms'] = BigInt(data['timestamp-ms'].toString());
    if (data['first-row-id']) {
        data['first-row-id'] = BigInt(data['first-row-id'].toString());
    }
    if (data['added-rows']) {
        data['added-rows'] = BigInt(data['added-rows'].toString());
    }
    return data;
};

const snapshotReferenceSchemaResponseTransformer = (data: any) => {
    data['snapshot-id'] = BigInt(data['snapshot-id'].toString());
    if (data['max-ref-age-ms']) {
        data['max-ref-age-ms'] = BigInt(data['max-ref-age-ms'].toString());
    }
    if (data['max-snapshot-age-ms']) {
        data['max-snapshot-age-ms'] = BigInt(data['max-snapshot-age-ms'].toString());
    }
    return data;
};

const snapshotLogEntrySchemaResponseTransformer = (data: any) => {
    data['snapshot-id'] = BigInt(data['snapshot-id'].toString());
    data['timestamp-ms'] = BigInt(data['timestamp-ms'].toString());
    return data;
};

const metadataLogEntrySchemaResponseTransformer = (data: any) => {
    data['timestamp-ms'] = BigInt(data['timestamp-ms'].toString());
    return data;
};

const blobMetadataSchemaResponseTransformer = (data: any) => {
    data['snapshot-id'] = BigInt(data['snapshot-id'].toString());
    data['sequence-number'] = BigInt(data['sequence-number'].toString());
    return data;
};

const statisticsFileSchemaResponseTransformer = (data: any) => {
    data['snapshot-id'] = BigInt(data['snapshot-id'].toString());
    data['file-size-in-bytes'] = BigInt(data['file-size-in-bytes'].toString());
    data['file-footer-size-in-bytes'] = BigInt(data['file-footer-size-in-bytes'].toString());
    data['blob-metadata'] = data['blob-metadata'].map((item: any) => blobMetadataSchemaResponseTransformer(item));
    return data;
};

const partitionStatisticsFileSchemaResponseTransformer = (data: any) => {
    data['snapshot-id'] = BigInt(data['snapshot-id'].toString());
    data['file-size-in-bytes'] = BigInt(data['file-size-in-bytes'].toString());
    return data;
};

const tableMetadataSchemaResponseTransformer = (data: any) => {
    if (data['last-updated-ms']) {
        data['last-updated-ms'] = BigInt(data['last-updated-ms'].toString());
    }
    if (data['next-row-id']) {
        data['next-row-id'] = BigInt(data['next-row-id'].toString());
    }
    if (data.snapshots) {
        data.snapshots = data.snapshots.map((item: any) => snapshotSchemaResponseTransformer(item));
    }
    if (data.refs) {
        for (const key of Object.keys(data.refs)) {
            data.refs[key] = snapshotReferenceSchemaResponseTransformer(data.refs[key]);
        }
    }
    if (data['current-snapshot-id']) {
        data['current-snapshot-id'] = BigInt(data['current-snapshot-id'].toString());
    }
    if (data['last-sequence-number']) {
        data['last-sequence-number'] = BigInt(data['last-sequence-number'].toString());
    }
    if (data['snapshot-log']) {
        data['snapshot-log'] = data['snapshot-log'].map((item: any) => snapshotLogEntrySchemaResponseTransformer(item));
    }
    if (data['metadata-log']) {
        data['metadata-log'] = data['metadata-log'].map((item: any) => metadataLogEntrySchemaResponseTransformer(item));
    }
    if (data.statistics) {
        data.statistics = data.statistics.map((item: any) => statisticsFileSchemaResponseTransformer(item));
    }
    if (data['partition-statistics']) {
        data['partition-statistics'] = data['partition-statistics'].map((item: any) => partitionStatisticsFileSchemaResponseTransformer(item));
    }
    return data;
};

const loadTableResultSchemaResponseTransformer = (data: any) => {
    data.metadata = tableMetadataSchemaResponseTransformer(data.metadata);
    return data;
};

export const createTableResponseTransformer = async (data: any): Promise<CreateTableResponse> => {
    data = loadTableResultSchemaResponseTransformer(data);
    return data;
};

export const registerTableResponseTransformer = async (data: any): Promise<RegisterTableResponse> => {
    data = loadTableResultSchemaResponseTransformer(data);
    return data;
};

export const loadTableResponseTransformer = async (data: any): Promise<LoadTableResponse> => {
    data = loadTableResultSchemaResponseTransformer(data);
    return data;
};

const commitTableResponseSchemaResponseTransformer = (data: any) => {
    data.metadata = tableMetadataSchemaResponseTransformer(data.metadata);
    return data;
};

export const updateTableResponseTransformer = async (data: any): Promise<UpdateTableResponse> => {
    data = commitTableResponseSchemaResponseTransformer(data);
    return data;
};
