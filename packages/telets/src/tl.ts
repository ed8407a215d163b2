// `telets/tl`: the raw TL API (types, serialize/deserialize, LAYER) for direct use with invoke.
export * from '@telets/tl-schema';
