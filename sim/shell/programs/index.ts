// Every command the terminal knows, by name.
import type { Program } from '../program';
import { kubectl } from '../../kubectl/kubectl';
import { cat, cd, clear, echo, env, exportVar, falseCmd, history, ls, mkdir, pwd, rm, sleep, touch, trueCmd } from './basics';
import { exit, help, jobs, kill, locate, printf, unset } from './session-builtins';
import { grep, head, tail, wc } from './text-filters';
import { base64, cut, sort, tr, uniq } from './text-transforms';
import { jq } from './jq';
import { curl, dig, nslookup, ping, wget } from './net';
import { cp, mv } from './file-ops';
import { EDITORS } from './editors';
import { alias, unalias } from '../aliases';
import { seq } from './seq';
import { bracket, test } from './test';
import { watch } from './watch';

/** Commands bash runs itself rather than from a file on PATH. */
const BUILTIN_NAMES = new Set(['echo', 'cd', 'pwd', 'export', 'history', 'true', 'false', 'printf', 'jobs', 'kill', 'unset', 'exit', 'help', 'type', 'alias', 'unalias', 'test', '[', 'break', 'continue']);

const BASE: [string, Program][] = [
  ['kubectl', kubectl],
  ['echo', echo], ['cat', cat], ['ls', ls], ['touch', touch], ['rm', rm], ['mkdir', mkdir], ['cp', cp], ['mv', mv], ['cd', cd], ['pwd', pwd],
  ['export', exportVar], ['env', env], ['printenv', env], ['history', history], ['clear', clear], ['sleep', sleep],
  ['true', trueCmd], ['false', falseCmd], ['printf', printf], ['jobs', jobs], ['kill', kill], ['unset', unset], ['exit', exit],
  ['help', help], ['grep', grep], ['head', head], ['tail', tail], ['wc', wc], ['sort', sort], ['uniq', uniq], ['cut', cut], ['tr', tr],
  ['base64', base64], ['jq', jq], ['curl', curl], ['wget', wget], ['nslookup', nslookup], ['dig', dig], ['ping', ping],
  ...EDITORS, ['alias', alias], ['unalias', unalias], ['seq', seq], ['test', test], ['[', bracket], ['watch', watch],
];

// `break` and `continue` are run by the session itself, inside loops.
const finder = locate(new Set([...BASE.map(([n]) => n), 'type', 'which', 'break', 'continue']), BUILTIN_NAMES);

export const PROGRAMS: ReadonlyMap<string, Program> = new Map<string, Program>([...BASE, ['type', finder.type], ['which', finder.which]]);
