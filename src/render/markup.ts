/**
 * The core's small reply markup: `**bold**` and ``` fenced blocks (tables, shown monospace). Each channel renders
 * it: Telegram as HTML, Zalo and the console as plain text.
 */

const FENCE = /```\n?([\s\S]*?)\n?```/g;
const BOLD = /\*\*([^*\n]+)\*\*/g;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Plain text: fences dropped (the block keeps its lines), bold markers removed. */
export function toPlainText(text: string): string {
  return text.replace(FENCE, "$1").replace(BOLD, "$1");
}

/** Telegram HTML: everything escaped, fences as <pre>, bold as <b>. */
export function toTelegramHtml(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(FENCE)) {
    out += escapeHtml(text.slice(last, m.index)).replace(BOLD, "<b>$1</b>");
    out += `<pre>${escapeHtml(m[1]!)}</pre>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last)).replace(BOLD, "<b>$1</b>");
}

/**
 * Splits a long text at line boundaries so each part fits `limit` UTF-16 units (Telegram 4096). A single longer
 * line is cut hard. Fenced blocks are closed and reopened across parts.
 */
export function splitMessage(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = "";
  let inFence = false;
  const flush = () => {
    if (current) parts.push(inFence ? `${current}\n\`\`\`` : current);
    current = inFence ? "```\n" : "";
  };
  for (const line of text.split("\n")) {
    const pieces = line.length > limit - 8 ? line.match(new RegExp(`[\\s\\S]{1,${limit - 8}}`, "g"))! : [line];
    for (const piece of pieces) {
      if (current.length + piece.length + 1 > limit - 4) flush();
      current += (current && !current.endsWith("\n") ? "\n" : "") + piece;
    }
    if (line.trim().startsWith("```")) inFence = !inFence;
  }
  if (current.trim() && current !== "```\n") parts.push(current);
  return parts;
}
