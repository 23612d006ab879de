/**
 * Builds the real app with the web pages over an in-memory database, on a fixed clock in June 2023 (the demo
 * campaigns' dates), and stores a few reports through the core as a Telegram reports group would.
 */
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Campaign } from "../../src/campaigns/schema.ts";
import { createWebPlugins } from "../../src/channels/web/index.ts";
import { bindChat } from "../../src/db/repos/chats.ts";
import { addReporterUnit, setMemberRole, upsertMember } from "../../src/db/repos/members.ts";
import type { Runtime } from "../../src/runtime.ts";
import { buildApp } from "../../src/server/app.ts";
import { silentLogger, testRuntime } from "../helpers/runtime.ts";

export const CAMPAIGN = "binh-phuoc-vneid-90";
export const SECRET = "test-secret-0123456789abcdef";

/** HH:MM on a day of June 2023 in Asia/Ho_Chi_Minh. */
export const at = (hhmm: string, day = "2023-06-21") => new Date(`${day}T${hhmm}:00+07:00`);

export interface WebHarness {
  rt: Runtime;
  app: FastifyInstance;
  clock: { now: Date };
  /** Path and query of a signed dashboard link made at the clock's time. */
  dashboardPath(campaignId?: string): string;
  close(): Promise<void>;
}

export async function webHarness(opts: { env?: Record<string, string>; campaigns?: Campaign[]; logger?: Logger } = {}): Promise<WebHarness> {
  const clock = { now: at("10:00") };
  const rt = testRuntime({ env: { DASHBOARD_SECRET: SECRET, ...opts.env }, now: () => clock.now, ...(opts.campaigns ? { campaigns: opts.campaigns } : {}) });
  const logger = opts.logger ?? silentLogger;
  const app = await buildApp({ db: rt.db, campaigns: rt.campaigns, logger, plugins: createWebPlugins({ runtime: rt, logger }) });
  return {
    rt,
    app,
    clock,
    dashboardPath(campaignId = CAMPAIGN) {
      const url = new URL(rt.dashboardLinks.link(campaignId, clock.now).url);
      return url.pathname + url.search;
    },
    async close() {
      await app.close();
      rt.close();
    },
  };
}

let seq = 0;

/** Sends `text` from a unit's reporter in a bound Telegram reports group at `when`. */
export async function report(h: WebHarness, unitCode: string, text: string, when: Date, campaignId = CAMPAIGN): Promise<void> {
  const { db, core } = h.rt;
  bindChat(db, { platform: "telegram", chatId: "-100777", campaignId, purpose: "reports", title: "Nhóm báo cáo" });
  const senderId = `rep-${unitCode}`;
  const member = upsertMember(db, { platform: "telegram", platformUserId: senderId, displayName: `Cán bộ ${unitCode}` });
  addReporterUnit(db, member.id, campaignId, unitCode);
  const saved = h.clock.now;
  h.clock.now = when;
  try {
    await core.handleMessage({ platform: "telegram", chatId: "-100777", chatType: "group", senderId, senderName: `Cán bộ ${unitCode}`, text, messageId: `m${++seq}`, date: when });
  } finally {
    h.clock.now = saved;
  }
}

/**
 * The stored figures the tests look for: Bình Long on time both days (30.115 activated by 21/6, with a report
 * text holding a <script> tag), Đồng Xoài late on 20/6 and on time on 21/6 (41.000).
 */
export async function seedReports(h: WebHarness): Promise<void> {
  await report(h, "BLO", "Bình Long báo cáo ngày 20/6: kích hoạt 1.200 TK, lũy kế 29.259", at("16:00", "2023-06-20"));
  await report(h, "DXO", "Đồng Xoài báo cáo ngày 20/6: kích hoạt 900 TK, lũy kế 40.300", at("19:30", "2023-06-20"));
  await report(h, "BLO", "Bình Long báo cáo ngày 21/6: kích hoạt 856 TK, lũy kế 30.115 <script>window.__pwned=1</script>", at("09:00"));
  await report(h, "DXO", "Đồng Xoài báo cáo ngày 21/6: kích hoạt 700 TK, lũy kế 41.000", at("09:30"));
}

/** Makes a leader on Telegram (for the /dashboard command). */
export function makeLeader(h: WebHarness, senderId: string): void {
  const m = upsertMember(h.rt.db, { platform: "telegram", platformUserId: senderId, displayName: "Lãnh đạo" });
  setMemberRole(h.rt.db, m.id, "leader");
}
