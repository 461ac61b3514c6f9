// kubectl's command-line flags (cobra/pflag semantics): `--flag=value`, `--flag value`, `-n value`, `-nvalue`,
// boolean flags, `--` ending flags, and the error text for an unknown flag.

export interface FlagSpec {
  /** Long name → short letter (if any); boolean flags take no value. */
  readonly [long: string]: { readonly short?: string; readonly bool?: boolean; readonly multi?: boolean };
}

export interface ParsedFlags {
  readonly positionals: string[];
  /** Arguments after `--` (for `exec`). */
  readonly rest: string[];
  readonly values: Map<string, string[]>;
  /** Every flag as given, in command-line order, by long name (what `--record` writes down). */
  readonly order: readonly (readonly [string, string])[];
}

export type FlagResult = { ok: true; flags: ParsedFlags } | { ok: false; error: string };

/** Flags every kubectl command accepts. */
export const GLOBAL_FLAGS: FlagSpec = {
  namespace: { short: 'n' },
  'all-namespaces': { short: 'A', bool: true },
  context: {},
  kubeconfig: {},
  'request-timeout': {},
  v: { short: 'v' },
};

/** Parses argv (after the verb) against `spec` plus the global flags. Pure. */
export function parseFlags(args: readonly string[], spec: FlagSpec): FlagResult {
  const all: FlagSpec = { ...GLOBAL_FLAGS, ...spec };
  const byShort = new Map<string, string>();
  for (const [long, s] of Object.entries(all)) if (s.short) byShort.set(s.short, long);
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  const order: [string, string][] = [];
  const set = (name: string, value: string): void => { values.set(name, [...(values.get(name) ?? []), value]); order.push([name, value]); };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return { ok: true, flags: { positionals, rest: args.slice(i + 1), values, order } };
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const s = all[name];
      if (!s) return { ok: false, error: `unknown flag: --${name}` };
      if (s.bool) {
        const v = eq >= 0 ? parseGoBool(a.slice(eq + 1)) : 'true';
        if (v === undefined) return { ok: false, error: boolError(a.slice(eq + 1), name, s.short) };
        set(name, v);
      } else if (eq >= 0) set(name, a.slice(eq + 1));
      else {
        if (i + 1 >= args.length) return { ok: false, error: `flag needs an argument: --${name}` };
        set(name, args[++i]);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && a !== '-') {
      let j = 1;
      while (j < a.length) {
        const letter = a[j];
        const long = byShort.get(letter);
        if (!long) return { ok: false, error: `unknown shorthand flag: '${letter}' in ${a}` };
        if (all[long].bool) {
          // `-w=false`: pflag takes what follows `=` as the value and ends the group.
          if (a[j + 1] === '=') {
            const v = parseGoBool(a.slice(j + 2));
            if (v === undefined) return { ok: false, error: boolError(a.slice(j + 2), long, letter) };
            set(long, v);
            break;
          }
          set(long, 'true');
          j++;
          continue;
        }
        let value = a.slice(j + 1);
        if (value.startsWith('=')) value = value.slice(1);
        if (value === '') {
          if (i + 1 >= args.length) return { ok: false, error: `flag needs an argument: '${letter}' in -${letter}` };
          value = args[++i];
        }
        set(long, value);
        break;
      }
      continue;
    }
    positionals.push(a);
  }
  return { ok: true, flags: { positionals, rest: [], values, order } };
}

/** strconv.ParseBool's spellings, as 'true' or 'false'; undefined for anything else. Pure. */
function parseGoBool(text: string): 'true' | 'false' | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return 'true';
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return 'false';
  return undefined;
}

/** pflag's error for a bad boolean, naming the flag as `-w, --watch` when it has a shorthand. Pure. */
function boolError(value: string, name: string, short: string | undefined): string {
  const flagName = short ? `-${short}, --${name}` : `--${name}`;
  return `invalid argument "${value}" for "${flagName}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
}

/** The last value of a flag, if given. Pure. */
export function flag(f: ParsedFlags, name: string): string | undefined {
  const v = f.values.get(name);
  return v?.[v.length - 1];
}

/** A boolean flag's value. Pure. */
export function boolFlag(f: ParsedFlags, name: string): boolean {
  return flag(f, name) === 'true';
}
