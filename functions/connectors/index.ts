import type { ConnectorDefinition } from '../engine/index.js';
import { adcloud } from './adcloud.js';
import { mediamath } from './mediamath.js';
import { trackmaster } from './trackmaster.js';
import { tune } from './tune.js';

/** Every connector the product ships, by the name a config uses. */
export const CONNECTORS: Record<string, ConnectorDefinition> = {
  adcloud,
  trackmaster,
  tune,
  mediamath,
};

export function connectorNames(): string[] {
  return Object.keys(CONNECTORS);
}
