// Run in a second process: finishes a LoginToken that another process created, from the same
// session file. argv: sessionPath, loginToken, code, dcs-json, rsa-pem

import { parseRsaPublicKey } from '@telets/crypto';
import { Client, LoginToken, type User } from '../src/index.js';

const [sessionPath, tokenText, code, dcsJson, pem] = process.argv.slice(2);
const client = new Client(sessionPath, 12345, '0123456789abcdef0123456789abcdef', {
  dcs: JSON.parse(dcsJson),
  rsaKeys: [parseRsaPublicKey(pem)],
  logLevel: 'silent',
});
await client.connect();
try {
  const user = (await client.signIn(LoginToken.fromString(tokenText), code)) as User;
  process.stdout.write(
    `${JSON.stringify({ id: String(user.id), phone: user.phone, homeDcId: client.homeDcId() })}\n`,
  );
} finally {
  await client.disconnect();
}
