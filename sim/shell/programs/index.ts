// Every command the terminal knows, by name.
import type { Program } from '../program';
import { kubectl } from '../../kubectl/kubectl';
import { cat, cd, clear, echo, env, exportVar, falseCmd, history, ls, mkdir, pwd, rm, sleep, touch, trueCmd } from './basics';

export const PROGRAMS: ReadonlyMap<string, Program> = new Map<string, Program>([
  ['kubectl', kubectl],
  ['echo', echo], ['cat', cat], ['ls', ls], ['touch', touch], ['rm', rm], ['mkdir', mkdir], ['cd', cd], ['pwd', pwd],
  ['export', exportVar], ['env', env], ['history', history], ['clear', clear], ['sleep', sleep],
  ['true', trueCmd], ['false', falseCmd],
]);
