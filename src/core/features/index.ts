/** Every feature the router knows, in routing order (phrases are tried in this order). */
import type { Feature } from "../feature.ts";
import { createHelpFeature } from "./help.ts";
import { languageFeature } from "./language.ts";
import { startFeature } from "./start.ts";

export function createFeatures(): Feature[] {
  const features: Feature[] = [];
  features.push(startFeature, createHelpFeature(() => features), languageFeature);
  return features;
}
