import { createHash } from 'node:crypto';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { InternalError } from '../functions/engine/index.js';

/**
 * Constructs that only group resources (the patterns of this app) and leave their children's
 * CloudFormation logical IDs as if the children sat directly in the stack. A deployed stage was
 * created before its resources were grouped; a changed logical ID makes CloudFormation replace
 * the resource, which fails for every fixed-name resource (queues, functions, alarms, Glue
 * tables) and orphans the retained ones (lake bucket, control table). Grouping stays a refactor.
 */
const groupings = new WeakSet<IConstruct>();

/**
 * Marks `construct` as a grouping: its id is left out of its descendants' logical IDs. Its
 * children carry ids that are unique in the stack (the ones they had before they were grouped).
 */
export function groupWithoutRenaming(construct: IConstruct): void {
  groupings.add(construct);
}

/**
 * The logical ID CDK allocates (`makeUniqueId` of aws-cdk-lib: "Default" components dropped, a
 * single component used as is, otherwise the human-readable path plus 8 hex digits of the MD5 of
 * the path), computed over the path without grouping constructs. Stacks override
 * `allocateLogicalId` with it (the extension point CDK documents for a naming scheme).
 */
export function logicalIdOf(element: CfnElement, stack: Stack): string {
  const scopes = element.node.scopes;
  const components = scopes
    .slice(scopes.indexOf(stack) + 1)
    .filter((scope) => !groupings.has(scope))
    .map((scope) => scope.node.id)
    .filter((id) => id !== 'Default');
  if (components.length === 0) throw new InternalError(`no logical id for ${element.node.path}`);
  const alphanumeric = (id: string) => id.replace(/[^A-Za-z0-9]/g, '');
  if (components.length === 1 && alphanumeric(components[0]!).length <= 255)
    return alphanumeric(components[0]!);
  const hash = createHash('md5').update(components.join('/')).digest('hex').slice(0, 8).toUpperCase();
  const human: string[] = [];
  for (const id of components)
    if (human.length === 0 || !human[human.length - 1]!.endsWith(id)) human.push(id);
  return (
    human
      .filter((id) => id !== 'Resource')
      .map(alphanumeric)
      .join('')
      .slice(0, 240) + hash
  );
}
