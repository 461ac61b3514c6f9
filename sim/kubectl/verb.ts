// The shape of a kubectl subcommand: it gets the context and the arguments after the verb, and may wait.
import type { ProgramContext, Wait } from '../shell/program';

export type Verb = (ctx: ProgramContext, args: readonly string[]) => Generator<Wait, number, void>;
