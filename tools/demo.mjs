#!/usr/bin/env node
// `npm run demo` will sign in against the embedded test server once the client lands.
console.error(
  'telets demo: not there yet. The offline sign-in demo arrives with the client (issue "Sign in end to end"); nothing was run.',
);
process.exit(1);
