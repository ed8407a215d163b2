// One hierarchy: every error this package throws is a TlError, so callers can catch the package's
// failures with one `instanceof` and tell them apart by subclass or `name`.

function hex(id: number): string {
  return `0x${(id >>> 0).toString(16).padStart(8, '0')}`;
}

/** Base class of every error thrown by @telets/tl-schema. */
export class TlError extends Error {
  override name = 'TlError';
}

/** A boxed value starts with a constructor id that is not known (for the expected type). */
export class TlUnknownConstructorError extends TlError {
  override name = 'TlUnknownConstructorError';
  /** The unknown constructor id, as an unsigned 32-bit number. */
  readonly id: number;
  /** Offset of the id in the buffer being read. */
  readonly offset: number;
  /** The TL type that was expected there, when known. */
  readonly expectedType: string | undefined;

  constructor(id: number, offset: number, expectedType?: string) {
    super(
      `unknown constructor id ${hex(id)} at offset ${offset}${
        expectedType ? ` (expected ${expectedType})` : ''
      }`,
    );
    this.id = id >>> 0;
    this.offset = offset;
    this.expectedType = expectedType;
  }
}

/** The buffer ended before a value did. */
export class TlTruncatedError extends TlError {
  override name = 'TlTruncatedError';
  readonly offset: number;
  /** How many bytes the value needed from `offset`. */
  readonly neededBytes: number;
  /** How many bytes were left at `offset`. */
  readonly availableBytes: number;

  constructor(offset: number, neededBytes: number, availableBytes: number) {
    super(
      `truncated data at offset ${offset}: needed ${neededBytes} bytes, ${availableBytes} available`,
    );
    this.offset = offset;
    this.neededBytes = neededBytes;
    this.availableBytes = availableBytes;
  }
}

/** A TL `string` holds bytes that are not valid UTF-8. */
export class TlInvalidUtf8Error extends TlError {
  override name = 'TlInvalidUtf8Error';
  /** Offset of the string's length prefix. */
  readonly offset: number;

  constructor(offset: number) {
    super(`string at offset ${offset} is not valid UTF-8`);
    this.offset = offset;
  }
}

/** A length or count field is larger than the data or a configured limit allows. */
export class TlLengthError extends TlError {
  override name = 'TlLengthError';
  readonly offset: number;
  readonly length: number;
  readonly maxLength: number;

  constructor(what: string, offset: number, length: number, maxLength: number) {
    super(`${what} of ${length} at offset ${offset} exceeds the limit of ${maxLength}`);
    this.offset = offset;
    this.length = length;
    this.maxLength = maxLength;
  }
}

/** A value was read completely but bytes were left over (`deserialize` wants exact input). */
export class TlTrailingDataError extends TlError {
  override name = 'TlTrailingDataError';
  readonly offset: number;
  readonly trailingBytes: number;

  constructor(offset: number, trailingBytes: number) {
    super(`${trailingBytes} unexpected trailing bytes at offset ${offset}`);
    this.offset = offset;
    this.trailingBytes = trailingBytes;
  }
}

/** The data is structurally invalid in another way (bad boolean, nesting too deep, bad gzip). */
export class TlDecodeError extends TlError {
  override name = 'TlDecodeError';
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`);
    this.offset = offset;
  }
}

/** A value given to a writer does not fit its TL type (wrong JS type, out of range, bad size). */
export class TlWriteError extends TlError {
  override name = 'TlWriteError';
}

/** A schema text could not be parsed; `file` and `line` point at the offending definition. */
export class TlSchemaError extends TlError {
  override name = 'TlSchemaError';
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.file = file;
    this.line = line;
  }
}

/** A definition's explicit constructor id differs from the CRC32 of its normalised line. */
export class TlSchemaCrcError extends TlSchemaError {
  override name = 'TlSchemaCrcError';
  readonly declaredId: number;
  readonly computedId: number;

  constructor(file: string, line: number, name: string, declaredId: number, computedId: number) {
    super(
      file,
      line,
      `constructor id of ${name} is ${hex(declaredId)} but the CRC32 of its line is ${hex(computedId)}`,
    );
    this.declaredId = declaredId >>> 0;
    this.computedId = computedId >>> 0;
  }
}
