/**
 * The resource name cdk-nag prints in a finding id (`AwsSolutions-IAM5[Resource::<Bucket.Arn>/x/*]`)
 * for a resolved CloudFormation value, so an acknowledgement names exactly the resource it covers.
 * cdk-nag keeps its own version of this in an unexported module; this follows the same notation:
 * `${X}` of Fn::Sub becomes `<X>`, Ref becomes `<Id>`, GetAtt becomes `<Id.Attr>`, Fn::Join joins.
 */
export function nagResourceName(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    if (Array.isArray(node['Fn::Join'])) {
      const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map(nagResourceName).join(delimiter);
    }
    if (node['Fn::Sub'] !== undefined) return nagResourceName(node['Fn::Sub']);
    if (Array.isArray(node['Fn::GetAtt'])) {
      const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
      return `<${nagResourceName(resource)}.${nagResourceName(attribute)}>`;
    }
    if (node['Fn::ImportValue'] !== undefined) return nagResourceName(node['Fn::ImportValue']);
    if (node.Ref !== undefined) return `<${nagResourceName(node.Ref)}>`;
  }
  return JSON.stringify(value);
}
