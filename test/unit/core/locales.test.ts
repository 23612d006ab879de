import { describe, expect, it } from "vitest";
import { readLocaleResources } from "../../../src/i18n.ts";

function keys(o: unknown, prefix = ""): string[] {
  if (o === null || typeof o !== "object" || Array.isArray(o)) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("locales", () => {
  const resources = readLocaleResources();

  it("has the same namespaces in vi and en", () => {
    expect(Object.keys(resources.en!).sort()).toEqual(Object.keys(resources.vi!).sort());
  });

  it("has the same keys in vi and en, namespace by namespace", () => {
    for (const ns of Object.keys(resources.vi!)) {
      expect(keys(resources.en![ns]).sort(), `namespace ${ns}`).toEqual(keys(resources.vi![ns]).sort());
    }
  });

  it("has no empty strings", () => {
    for (const lng of ["vi", "en"])
      for (const [ns, tree] of Object.entries(resources[lng]!)) {
        const walk = (o: unknown, path: string): void => {
          if (typeof o === "string") expect(o.trim(), `${lng}/${ns}:${path}`).not.toBe("");
          else if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
        };
        walk(tree, "");
      }
  });
});
