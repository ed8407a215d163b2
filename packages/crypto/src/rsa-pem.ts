import { stripLeadingZeros } from './bytes';
import { RsaKeyError } from './errors';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64Decode(text: string): Uint8Array {
  const clean = text.replace(/[\s=]+/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) throw new RsaKeyError('PEM body is not valid base64');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 255;
    }
  }
  return out.subarray(0, o);
}

interface Der {
  tag: number;
  body: Uint8Array;
  end: number;
}

function readDer(buf: Uint8Array, offset: number): Der {
  if (offset + 2 > buf.length) throw new RsaKeyError('truncated DER in RSA key');
  const tag = buf[offset];
  let length = buf[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new RsaKeyError('unsupported DER length in RSA key');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[start + i];
    start += count;
  }
  if (start + length > buf.length) throw new RsaKeyError('truncated DER in RSA key');
  return { tag, body: buf.subarray(start, start + length), end: start + length };
}

function readInteger(buf: Uint8Array, offset: number): { value: Uint8Array; end: number } {
  const d = readDer(buf, offset);
  if (d.tag !== 0x02) throw new RsaKeyError('expected an INTEGER in RSA key');
  return { value: stripLeadingZeros(d.body).slice(), end: d.end };
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
function parsePkcs1(der: Uint8Array): { n: Uint8Array; e: Uint8Array } {
  const seq = readDer(der, 0);
  if (seq.tag !== 0x30) throw new RsaKeyError('expected a SEQUENCE in RSA key');
  const n = readInteger(seq.body, 0);
  const e = readInteger(seq.body, n.end);
  return { n: n.value, e: e.value };
}

const RSA_OID = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01);

/** SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING (RSAPublicKey) } */
function parseSpki(der: Uint8Array): { n: Uint8Array; e: Uint8Array } {
  const seq = readDer(der, 0);
  if (seq.tag !== 0x30) throw new RsaKeyError('expected a SEQUENCE in SPKI key');
  const alg = readDer(seq.body, 0);
  const oid = readDer(alg.body, 0);
  if (
    oid.tag !== 0x06 ||
    oid.body.length !== RSA_OID.length ||
    oid.body.some((b, i) => b !== RSA_OID[i])
  )
    throw new RsaKeyError('SPKI key is not an RSA key');
  const bits = readDer(seq.body, alg.end);
  if (bits.tag !== 0x03 || bits.body[0] !== 0) throw new RsaKeyError('malformed SPKI BIT STRING');
  return parsePkcs1(bits.body.subarray(1));
}

/** Parses a PEM RSA public key, PKCS#1 ("RSA PUBLIC KEY") or SPKI ("PUBLIC KEY"). */
export function parsePemNE(pem: string): { n: Uint8Array; e: Uint8Array } {
  const m = /-----BEGIN (RSA PUBLIC KEY|PUBLIC KEY)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!m) throw new RsaKeyError('expected a PEM "RSA PUBLIC KEY" or "PUBLIC KEY" block');
  const der = base64Decode(m[2]);
  return m[1] === 'RSA PUBLIC KEY' ? parsePkcs1(der) : parseSpki(der);
}
