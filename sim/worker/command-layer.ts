// What the worker loads on first use rather than at boot: the terminal's commands (kubectl, the shell's programs)
// and everything that runs them — replay, completion, manifest diagnostics, the export, lab checks and time travel.
export { PROGRAMS } from '../shell/programs';
export { replay } from '../engine';
export { complete } from '../shell/completion';
export { diagnoseManifest } from '../kubectl/diagnostics';
export { exportForRealCluster } from '../export/real-cluster';
export { checkContext } from '../labs/check-context';
export { evaluateStep } from '../labs/checks';
export { buildStepStart } from '../labs/step-start';
export { presentCapabilities } from '../labs/capabilities';
export { TimeMachine } from '../view/time-travel';
