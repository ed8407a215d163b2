import { arch, platform, release } from 'node:os';
import type { InitConnectionInfo } from './options.js';

/** What initConnection reports by default: the machine, and telets as the app. */
export function nodeDefaults(): InitConnectionInfo {
  return {
    deviceModel: `Node.js ${process.version} (${arch()})`,
    systemVersion: `${platform()} ${release()}`,
    appVersion: 'telets 0.1.0',
    systemLangCode: 'en',
    langPack: '',
    langCode: 'en',
  };
}
