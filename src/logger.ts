/** pino, with the fields that could carry personal data redacted at the logger as a last line of defence. */
import pino, { type Logger } from "pino";

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "chiendich-bot" },
      redact: { paths: ["text", "*.text", "rawText", "*.rawText", "cookie", "*.cookie", "token", "*.token"], censor: "[redacted]" },
    },
    destination,
  );
}
