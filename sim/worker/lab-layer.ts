// The lab parser (Markdown with YAML blocks), loaded by the worker when the page first asks for its labs.
export { loadLabSet } from '../labs/lab-set';
