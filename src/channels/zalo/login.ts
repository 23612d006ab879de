/** Logging in with the saved session, the way the channel does at start-up (and again after long outages). */
import type { ZaloApi, ZaloCredentials } from "./api.ts";
import { ZaloCredentialsError, type CredentialStore } from "./credentials.ts";
import { Zalo, type Options } from "./zca.ts";

/**
 * zca-js options. `checkUpdate: false`: no request to the npm registry at start-up. `selfListen: true`: zca-js
 * drops every event that concerns the account itself unless set, and "the account was added to a group" is
 * one of them; the channel ignores the account's own messages itself (`isSelf`).
 */
export const ZCA_OPTIONS: Partial<Options> = { checkUpdate: false, selfListen: true, logging: false };

export type ZaloFactory = (options: Partial<Options>) => { login(credentials: ZaloCredentials): Promise<ZaloApi> };

/** A `login` for `createZaloChannel`: reads the saved session and logs in with it; throws when there is none. */
export function createZaloLogin(store: CredentialStore, createZalo: ZaloFactory = (o) => new Zalo(o)): () => Promise<ZaloApi> {
  return async () => {
    const saved = store.load();
    if (!saved) throw new ZaloCredentialsError(`no saved Zalo session at ${store.path}: run npm run zalo:login`);
    return createZalo(ZCA_OPTIONS).login(saved);
  };
}
