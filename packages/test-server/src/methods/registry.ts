import { importBotAuthorization } from './auth-bot.js';
import { checkPassword, getPassword } from './auth-password.js';
import { cancelCode, logOut, resendCode, sendCode, signIn, signUp } from './auth-phone.js';
import { acceptLoginToken, exportLoginToken, importLoginToken } from './auth-qr.js';
import { exportAuthorization, importAuthorization } from './auth-transfer.js';
import type { MethodEntry, MethodHandler } from './context.js';
import { getConfig, getNearestDc } from './help.js';
import { getFullUser, getState, getUsers } from './users.js';

const open = (handler: MethodHandler): MethodEntry => ({ handler, needsAuthorization: false });
const signedIn = (handler: MethodHandler): MethodEntry => ({ handler, needsAuthorization: true });

/** Every API method the server implements; anything else gets 400 INPUT_METHOD_INVALID. */
export const METHODS: ReadonlyMap<string, MethodEntry> = new Map([
  ['help.getConfig', open(getConfig)],
  ['help.getNearestDc', open(getNearestDc)],
  ['auth.sendCode', open(sendCode)],
  ['auth.resendCode', open(resendCode)],
  ['auth.cancelCode', open(cancelCode)],
  ['auth.signIn', open(signIn)],
  ['auth.signUp', open(signUp)],
  ['auth.logOut', open(logOut)],
  ['account.getPassword', open(getPassword)],
  ['auth.checkPassword', open(checkPassword)],
  ['auth.importBotAuthorization', open(importBotAuthorization)],
  ['auth.exportAuthorization', signedIn(exportAuthorization)],
  ['auth.importAuthorization', open(importAuthorization)],
  ['auth.exportLoginToken', open(exportLoginToken)],
  ['auth.importLoginToken', open(importLoginToken)],
  ['auth.acceptLoginToken', signedIn(acceptLoginToken)],
  ['users.getUsers', signedIn(getUsers)],
  ['users.getFullUser', signedIn(getFullUser)],
  ['updates.getState', signedIn(getState)],
]);
