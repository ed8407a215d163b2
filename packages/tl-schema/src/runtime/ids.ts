// Constructor ids the runtime handles by hand.
export const ID_VECTOR = 0x1cb5c415;
export const ID_BOOL_TRUE = 0x997275b5;
export const ID_BOOL_FALSE = 0xbc799737;
export const ID_GZIP_PACKED = 0x3072cfa1;
export const ID_RPC_RESULT = 0xf35c6d01;
export const ID_MSG_CONTAINER = 0x73f1f8dc;
export const ID_MSG_COPY = 0xe06046b2;
