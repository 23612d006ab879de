/** `npm run bench`: every benchmark, one after another. Add new ones to the list. */
import { benchParser } from "./parser.bench.ts";
import { benchExport } from "./export.bench.ts";
import { benchProgress } from "./progress.bench.ts";
import { benchTelegram } from "./telegram.bench.ts";
import { benchOutbox } from "./outbox.bench.ts";
import { benchLoad } from "./load.bench.ts";

await benchParser();
await benchProgress();
await benchExport();
await benchTelegram();
await benchOutbox();
await benchLoad();
