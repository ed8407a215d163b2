import type { TlObj } from '../tl/object.js';
import type { MethodContext } from './context.js';
import { nowSeconds } from './objects.js';

export function getConfig(ctx: MethodContext): TlObj {
  const now = nowSeconds(ctx);
  const dcOptions = [...ctx.world.dcAddresses.values()].map((dc) => ({
    _: 'dcOption',
    id: dc.id,
    ipAddress: dc.host,
    port: dc.port,
  }));
  return {
    _: 'config',
    date: now,
    expires: now + 3600,
    testMode: true,
    thisDc: ctx.dcId,
    dcOptions,
    dcTxtDomainName: 'localhost',
    chatSizeMax: 200,
    megagroupSizeMax: 200000,
    forwardedCountMax: 100,
    onlineUpdatePeriodMs: 210000,
    offlineBlurTimeoutMs: 5000,
    offlineIdleTimeoutMs: 30000,
    onlineCloudTimeoutMs: 300000,
    notifyCloudDelayMs: 30000,
    notifyDefaultDelayMs: 1500,
    pushChatPeriodMs: 60000,
    pushChatLimit: 2,
    editTimeLimit: 172800,
    revokeTimeLimit: 2147483647,
    revokePmTimeLimit: 2147483647,
    ratingEDecay: 2419200,
    stickersRecentLimit: 200,
    channelsReadMediaPeriod: 604800,
    callReceiveTimeoutMs: 20000,
    callRingTimeoutMs: 90000,
    callConnectTimeoutMs: 30000,
    callPacketTimeoutMs: 10000,
    meUrlPrefix: 'https://t.me/',
    captionLengthMax: 1024,
    messageLengthMax: 4096,
    webfileDcId: ctx.world.dcIds[0],
  };
}

export function getNearestDc(ctx: MethodContext): TlObj {
  return { _: 'nearestDc', country: 'ZZ', thisDc: ctx.dcId, nearestDc: ctx.dcId };
}
