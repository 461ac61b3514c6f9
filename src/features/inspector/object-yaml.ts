// The inspector's live YAML: an object as `kubectl get -o yaml` lays it out (keys sorted, sequences not indented
// under their key, as sigs.k8s.io/yaml writes through go-yaml), as plain read-only text. The YAML library is loaded
// on first use so the page's first load stays small.
import type { K8sObject } from '../../../sim/model/types';

type Stringify = (value: unknown, options: { sortMapEntries: boolean; indentSeq: boolean; lineWidth: number }) => string;

/** An object's YAML with the given `stringify` (the `yaml` package's). Pure. */
export function toYaml(stringify: Stringify, obj: K8sObject): string {
  // SIMPLIFIED: go-yaml's exact quoting and line folding are the terminal's (`kubectl get -o yaml`); this is for reading.
  return stringify(obj, { sortMapEntries: true, indentSeq: false, lineWidth: 0 });
}

/** An object's YAML, loading the YAML library on first use. */
export async function objectYaml(obj: K8sObject): Promise<string> {
  const { stringify } = await import('yaml');
  return toYaml(stringify as Stringify, obj);
}
