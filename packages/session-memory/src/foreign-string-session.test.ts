import { describe, expect, it } from 'vitest';
import { SessionFormatError, SessionValidationError } from './errors.js';
import {
  detectStringSessionFormat,
  exportGramjsStringSession,
  exportTelethonStringSession,
  importGramjsStringSession,
  importStringSession,
  importTelethonStringSession,
} from './foreign-string-session.js';
import { Session } from './session.js';
import { encodeStringSession } from './string-session.js';
import { sampleAuthKey, sampleSession } from './testing/sample.js';

// Published vectors: strings made by real Telethon (IPv4 and IPv6) and GramJS 2.19.20 against
// Telegram's test DCs, with the auth keys they hold, from mtcute's public test suite
// (packages/convert/src/{telethon,gramjs}/__fixtures__ and parse.test.ts).
const TELETHON_V4 =
  '1ApWapygAUChJS1_xwUK01Is4cOvQa1JKTn1POabdMUCfLmXNYFUyvG3v9Z_qbFNFp3zYP--3aVpTYI2DpB2Ib46p_bwSC0j1QEjvdQxJj26cVj8NfslrCkYrdV3glOhdczSq08kp31eqBGXMPhA7wy7DOcSLLAoy-Jf3Q_V_Q3y2a8_64ArFJe8PFfSqkdO56VQutajNLscFUtTQXUQFLJ7ft6vIl__UOc9tpQZEiFW7jWmID79WkfYLHFjuChTVKGMLDa8YcZj6z5Sq-pXPE9VbAbJ5L1JRqXOey3QGtZgJeIEww_WWD5nMMUfhLIydD2i7eDmVoUE5EIZPpsevJmjiGLw4vJk=';
const TELETHON_V4_KEY =
  '28494b5ff1c142b4d48b3870ebd06b524a4e7d4f39a6dd31409f2e65cd605532bc6deff59fea6c5345a77cd83fefb7695a53608d83a41d886f8ea9fdbc120b48f54048ef750c498f6e9c563f0d7ec96b0a462b755de094e85d7334aad3c929df57aa0465cc3e103bc32ec339c48b2c0a32f897f743f57f437cb66bcffae00ac525ef0f15f4aa91d3b9e9542eb5a8cd2ec70552d4d05d44052c9edfb7abc897ffd439cf6da506448855bb8d69880fbf5691f60b1c58ee0a14d528630b0daf187198facf94aafa95cf13d55b01b2792f5251a9739ecb7406b59809788130c3f5960f99cc3147e12c8c9d0f68bb783995a1413910864fa6c7af2668e218bc38bc99';
const TELETHON_V6 =
  '1ASABCyjyPfABAAAAAAAAAA4Bu4pveAFWSE51_trKsrRQeMvGXMl8fI6NsGaWqdrXXeqyaXne9qNthqnrBmH56kHfOhFUCPSoVzNNrGgnQr67AYQbkhpP_Yml2EDd8epdc6Gywh4q2NBgYyW6VBT8UKg89-FebYTO6n47I1cJMGsSZ1ddxEOpIpHXsSmPdGBSTz6uaHbLYo0jnxd59PQn4H4dKb8FxuOQsUVa3vY_o79HMVMQRVT1IksUKFg5gAe5ZJ0yx6W4pMviVbC-TYZC0HInmv2fFMv-S3rQyg1C7qpU-Gbo1P6UZC4KZGmu2pMJooFNyfRbFgl3BI5Z-FNx9TKu4UFrF9G6Q0l8PjPXOZm4j-c=';
const TELETHON_V6_KEY =
  '8a6f780156484e75fedacab2b45078cbc65cc97c7c8e8db06696a9dad75deab26979def6a36d86a9eb0661f9ea41df3a115408f4a857334dac682742bebb01841b921a4ffd89a5d840ddf1ea5d73a1b2c21e2ad8d0606325ba5414fc50a83cf7e15e6d84ceea7e3b235709306b1267575dc443a92291d7b1298f7460524f3eae6876cb628d239f1779f4f427e07e1d29bf05c6e390b1455adef63fa3bf473153104554f5224b142858398007b9649d32c7a5b8a4cbe255b0be4d8642d072279afd9f14cbfe4b7ad0ca0d42eeaa54f866e8d4fe94642e0a6469aeda9309a2814dc9f45b160977048e59f85371f532aee1416b17d1ba43497c3e33d73999b88fe7';
const GRAMJS =
  '1AgAOMTQ5LjE1NC4xNjcuNDABu60obcEYS8Yb/I7YlCwaLvW84dXCX2oGnBYG+zuMciJhHP99c8ZJvwxJgH8yU1QrqI+Gh0kK0JAuQucIpDfq/jJVLZ1ZRimq5yy1XbeEs65gtZA1+SUwZRXahh+NzGbPmOVUMCnCtRONo9GNvcx/QxSXRrh7T/K0YYN1iHsK1vJDk8/SUnthvTNmRycC+JLn4fMtctqP4Le2WPOH/deYbUF0BlwmR77M7fv1GZSInqCgWReaIl5nvn0IqA4mOCTkdOgcvwOiB2UmXwiyInxRuLdBIyLbBUDCuTlmL1m3FJqbuEpZEUJnoJf2YDFZ1wR6TfL0MUS1VwnjOcy3WIIFwwg=';
const GRAMJS_KEY =
  'ad286dc1184bc61bfc8ed8942c1a2ef5bce1d5c25f6a069c1606fb3b8c7222611cff7d73c649bf0c49807f3253542ba88f8687490ad0902e42e708a437eafe32552d9d594629aae72cb55db784b3ae60b59035f925306515da861f8dcc66cf98e5543029c2b5138da3d18dbdcc7f43149746b87b4ff2b4618375887b0ad6f24393cfd2527b61bd3366472702f892e7e1f32d72da8fe0b7b658f387fdd7986d4174065c2647beccedfbf51994889ea0a059179a225e67be7d08a80e263824e474e81cbf03a20765265f08b2227c51b8b7412322db0540c2b939662f59b7149a9bb84a59114267a097f6603159d7047a4df2f43144b55709e339ccb7588205c308';

const unhex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

function formatError(fn: () => unknown): SessionFormatError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SessionFormatError);
    return e as SessionFormatError;
  }
  throw new Error('expected a SessionFormatError');
}

describe('Telethon string sessions', () => {
  it('reads the published IPv4 vector', () => {
    const s = importTelethonStringSession(TELETHON_V4);
    expect(s.homeDcId).toBe(2);
    expect(s.homeDc).toEqual({
      id: 2,
      ipAddress: '149.154.167.40',
      port: 80,
      authKey: unhex(TELETHON_V4_KEY),
    });
    expect(s.user).toBeUndefined();
  });

  it('reads the published IPv6 vector', () => {
    const s = importTelethonStringSession(TELETHON_V6, { isTest: true });
    expect(s.homeDc).toEqual({
      id: 1,
      ipAddress: '2001:b28:f23d:f001::e',
      port: 443,
      isTest: true,
      authKey: unhex(TELETHON_V6_KEY),
    });
  });

  it('exports byte-for-byte what Telethon writes', () => {
    expect(exportTelethonStringSession(importTelethonStringSession(TELETHON_V4))).toBe(TELETHON_V4);
    expect(exportTelethonStringSession(importTelethonStringSession(TELETHON_V6))).toBe(TELETHON_V6);
  });

  it('treats an all-zero key as no key, as Telethon does', () => {
    const s = new Session({
      homeDcId: 3,
      dcs: [{ id: 3, ipAddress: '149.154.175.100', port: 443, authKey: new Uint8Array(256) }],
    });
    expect(importTelethonStringSession(exportTelethonStringSession(s)).hasAuthKey(3)).toBe(false);
  });

  it('says which format and what was wrong', () => {
    const short = formatError(() => importTelethonStringSession(TELETHON_V4.slice(0, 300)));
    expect(short.format).toBe('telethon');
    expect(short.message).toMatch(
      /Invalid Telethon string session: expected 263 bytes \(IPv4\) or 275 bytes \(IPv6\) after base64 decoding, found 224/,
    );
    expect(
      formatError(() => importTelethonStringSession(`2${TELETHON_V4.slice(1)}`)).message,
    ).toMatch(/expected version "1" as the first character, found "2ApWap…"/);
    expect(formatError(() => importTelethonStringSession(GRAMJS)).message).toMatch(
      /unexpected character "\/" at position/,
    );
  });
});

describe('GramJS string sessions', () => {
  it('reads the published vector', () => {
    const s = importGramjsStringSession(GRAMJS);
    expect(s.homeDc).toEqual({
      id: 2,
      ipAddress: '149.154.167.40',
      port: 443,
      authKey: unhex(GRAMJS_KEY),
    });
  });

  it('exports byte-for-byte what GramJS writes', () => {
    expect(exportGramjsStringSession(importGramjsStringSession(GRAMJS))).toBe(GRAMJS);
  });

  it('says which format and what was wrong', () => {
    const cut = formatError(() => importGramjsStringSession(GRAMJS.slice(0, 200)));
    expect(cut.format).toBe('gramjs');
    expect(cut.message).toMatch(
      /Invalid GramJS string session: expected a 256-byte auth key after the port, found 130 byte\(s\)/,
    );
    expect(formatError(() => importGramjsStringSession('1AgA')).message).toMatch(
      /truncated: expected 2 byte\(s\) of address length at offset 1, found 1/,
    );
    expect(formatError(() => importGramjsStringSession('')).message).toMatch(
      /found an empty string/,
    );
  });
});

describe('importStringSession (detection)', () => {
  it('detects each format, including unpadded and alphabet-neutral strings', () => {
    expect(detectStringSessionFormat(TELETHON_V4)).toBe('telethon');
    expect(detectStringSessionFormat(TELETHON_V6)).toBe('telethon');
    expect(detectStringSessionFormat(GRAMJS)).toBe('gramjs');
    expect(detectStringSessionFormat(encodeStringSession(sampleSession()))).toBe('telets');
    expect(detectStringSessionFormat('hello')).toBeUndefined();
    // A GramJS string whose base64 happens to use neither "+" nor "/" is recognised by layout.
    const neutral = new Session({
      homeDcId: 2,
      dcs: [
        { id: 2, ipAddress: '149.154.167.40', port: 443, authKey: new Uint8Array(256).fill(7) },
      ],
    });
    const gramjs = exportGramjsStringSession(neutral);
    expect(gramjs).not.toMatch(/[+/]/);
    expect(detectStringSessionFormat(gramjs)).toBe('gramjs');
    expect(importStringSession(gramjs).equals(neutral)).toBe(true);
  });

  it('imports each format', () => {
    expect(importStringSession(TELETHON_V4).getAuthKey(2)).toEqual(unhex(TELETHON_V4_KEY));
    expect(importStringSession(GRAMJS).getAuthKey(2)).toEqual(unhex(GRAMJS_KEY));
    const ours = sampleSession();
    expect(importStringSession(encodeStringSession(ours)).equals(ours)).toBe(true);
  });

  it('names the detected format in errors', () => {
    const e = formatError(() => importStringSession(`${GRAMJS.slice(0, 100)}`));
    expect(e.format).toBe('gramjs');
    expect(e.message).toMatch(/^Invalid GramJS string session: /);
    const unknown = formatError(() => importStringSession('xyz'));
    expect(unknown.format).toBe('unknown');
    expect(unknown.message).toMatch(
      /expected "telets1\.…" \(telets\) or "1…" \(Telethon, GramJS\), found "xyz"/,
    );
  });

  it('refuses to export without a home DC key', () => {
    const s = sampleSession();
    s.homeDcId = 3;
    expect(() => exportTelethonStringSession(s)).toThrow(SessionValidationError);
    expect(() => exportGramjsStringSession(s)).toThrow(/home DC 3 has no auth key/);
  });

  it('exports the home DC of a full session for both peers', () => {
    const s = sampleSession();
    const back = importTelethonStringSession(exportTelethonStringSession(s));
    expect(back.homeDc).toEqual({
      id: 2,
      ipAddress: '149.154.167.51',
      port: 443,
      authKey: sampleAuthKey(2),
    });
    expect(importGramjsStringSession(exportGramjsStringSession(s)).getAuthKey(2)).toEqual(
      sampleAuthKey(2),
    );
  });
});
