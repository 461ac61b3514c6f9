// The module src/labs/build/built-in-labs.ts serves: the built-in labs, parsed at build time.
declare module 'virtual:kubesim/built-in-labs' {
  import type { Lab } from '../../sim/labs/lab-types';

  const labs: readonly Lab[];
  export default labs;
}
