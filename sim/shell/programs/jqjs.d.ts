// Types for jqjs (@michaelhomer/jqjs), a pure-JavaScript implementation of jq, as kubesim's jq uses it.
declare module '@michaelhomer/jqjs' {
  /** Compiles a jq program into a function from one input to its outputs; throws a string on a syntax error. */
  function compile(program: string): (input: unknown) => Iterable<unknown>;
  const jq: { compile: typeof compile };
  export default jq;
}
