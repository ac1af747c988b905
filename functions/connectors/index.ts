import type { ConnectorDefinition } from '../engine/connector-definition.js';
import { adcloud } from './adcloud.js';

/** Every connector the product ships, by the name a config uses. */
export const CONNECTORS: Record<string, ConnectorDefinition> = {
  adcloud,
};

export function connectorNames(): string[] {
  return Object.keys(CONNECTORS);
}
