/** TL `bytes`/`string` serialisation (used in the RSA fingerprint). */
export function tlBytes(data: Uint8Array): Uint8Array {
  const header = data.length <= 253 ? 1 : 4;
  const total = Math.ceil((header + data.length) / 4) * 4;
  const out = new Uint8Array(total);
  if (header === 1) out[0] = data.length;
  else {
    out[0] = 254;
    out[1] = data.length & 255;
    out[2] = (data.length >>> 8) & 255;
    out[3] = (data.length >>> 16) & 255;
  }
  out.set(data, header);
  return out;
}
