// The subset of @telets/tl-schema's parsed-schema model (TlSchema) this package walks. Declared
// structurally so the schema codec does not depend on the generator's internals.

export interface SchemaTypeRef {
  name: string;
  isBare: boolean;
  isGenericQuery: boolean;
  element?: SchemaTypeRef;
}

export interface SchemaParam {
  name: string;
  type: SchemaTypeRef;
  flag?: { field: string; bit: number };
}

export interface SchemaDefinition {
  kind: 'constructor' | 'function';
  name: string;
  id: number;
  params: SchemaParam[];
  result: SchemaTypeRef;
}

export interface ParsedSchema {
  layer: number | undefined;
  constructors: SchemaDefinition[];
  functions: SchemaDefinition[];
}
