/** `npm run bench`: every benchmark, one after another. Add new ones to the list. */
import { benchParser } from "./parser.bench.ts";

await benchParser();
