/**
 * zca-js, typed. zca-js 2.2.0's `index.d.ts` says `export * from "./dist"`, a directory import that TypeScript's
 * NodeNext resolution cannot follow, so `import { … } from "zca-js"` type-checks as an empty module. The types
 * are taken from `dist/index.d.ts` directly (type-only, erased at run time) and the values from the package.
 */
import * as runtime from "zca-js";
import type * as Z from "../../../node_modules/zca-js/dist/index.js";

export type * from "../../../node_modules/zca-js/dist/index.js";

const zca = runtime as unknown as typeof Z;

export const Zalo = zca.Zalo;
export type Zalo = Z.Zalo;
export const ThreadType = zca.ThreadType;
export type ThreadType = Z.ThreadType;
export const Reactions = zca.Reactions;
export type Reactions = Z.Reactions;
export const CloseReason = zca.CloseReason;
export type CloseReason = Z.CloseReason;
export const GroupEventType = zca.GroupEventType;
export type GroupEventType = Z.GroupEventType;
export const LoginQRCallbackEventType = zca.LoginQRCallbackEventType;
export type LoginQRCallbackEventType = Z.LoginQRCallbackEventType;
export const ZaloApiError = zca.ZaloApiError;
export type ZaloApiError = Z.ZaloApiError;
