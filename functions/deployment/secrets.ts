/** A secret the stack's custom resource creates when it does not exist yet (never overwrites). */
export interface SecretToEnsure {
  name: string;
  description: string;
  /** The value a new secret starts with (a JSON object of empty credential keys, or `{}`). */
  initialValue: string;
}
